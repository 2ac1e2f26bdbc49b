// Turns whatever client-node, Node's network stack or an exec plugin threw into the one
// error shape of the contract, keeping the cluster's own words as the reason.
import { ApiError, type ApiErrorShape } from "../../src-shared/api/errors.ts";

// UND_ERR_SOCKET: undici's "other side closed", what a watch sees when the API server goes away.
const unreachable = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EAI_AGAIN", "EPIPE", "UND_ERR_SOCKET"]);
const timeouts = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "ABORT_ERR"]);

/** The first cause that carries a system error code, else the innermost cause's message. */
function systemCode(e: unknown): { code?: string; message?: string } {
  let innermost: string | undefined;
  for (let cur = e as { code?: unknown; cause?: unknown; message?: string } | undefined, depth = 0; cur && depth < 6; cur = cur.cause as typeof cur, depth++) {
    if (typeof cur.code === "string") return { code: cur.code, message: cur.message };
    innermost = cur.message ?? innermost;
  }
  return { message: innermost };
}

interface Status {
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string }[] };
}

function statusOf(body: unknown): Status | undefined {
  if (typeof body === "string") {
    try {
      return JSON.parse(body);
    } catch {
      return { message: body };
    }
  }
  return body && typeof body === "object" ? (body as Status) : undefined;
}

export function toApiError(e: unknown, what: string): ApiError {
  if (e instanceof ApiError) return e;
  const err = e as { code?: unknown; body?: unknown; message?: string; name?: string };
  // client-node's ApiException: an HTTP answer from the API server.
  if (typeof err.code === "number") {
    const status = statusOf(err.body);
    // Without a parsed body, client-node's message still carries the server's line
    // ("HTTP-Code: 401\nMessage: Unauthorized\nBody: …\nHeaders: …"); keep only that line.
    const reason = status?.message ?? /^Message: (.*)$/m.exec(err.message ?? "")?.[1] ?? err.message;
    const by: Record<number, ApiErrorShape["code"]> = {
      401: "Unauthorized",
      403: "Forbidden",
      404: "NotFound",
      409: "Conflict",
      422: "Invalid",
      400: "Invalid",
      504: "Timeout",
    };
    const code = by[err.code] ?? "Internal";
    const messages: Partial<Record<ApiErrorShape["code"], string>> = {
      Unauthorized: `${what}: the cluster did not accept the credentials (401)`,
      Forbidden: `${what}: not allowed (403)`,
      NotFound: `${what}: not found (404)`,
      Conflict: `${what}: conflict (409)`,
      Invalid: `${what}: rejected as invalid (${err.code})`,
      Timeout: `${what}: the cluster timed out (504)`,
    };
    return new ApiError({
      code,
      message: messages[code] ?? `${what}: the cluster answered ${err.code}`,
      reason,
      fields: status?.details?.causes?.map((c) => ({ path: c.field ?? "", message: c.message ?? "" })),
    });
  }
  const sys = systemCode(e);
  if (sys.code && unreachable.has(sys.code)) {
    const words = sys.code === "ECONNREFUSED" ? "connection refused" : sys.code === "ENOTFOUND" ? "host not found" : sys.code;
    return new ApiError({ code: "Unreachable", message: `${what}: cannot reach the cluster (${words})`, reason: sys.message });
  }
  if ((sys.code && timeouts.has(sys.code)) || err.name === "TimeoutError" || err.name === "AbortError") {
    return new ApiError({ code: "Timeout", message: `${what}: the cluster did not answer in time`, reason: sys.message ?? err.message });
  }
  if (sys.code && /^ERR_TLS|^ERR_SSL|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(sys.code)) {
    return new ApiError({ code: "TLS", message: `${what}: the cluster's TLS certificate was not accepted (${sys.code})`, reason: sys.message });
  }
  return new ApiError({ code: "Internal", message: `${what}: ${err.message ?? String(e)}`, reason: sys.message });
}
