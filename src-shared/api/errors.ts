// The one error shape that crosses from main to the renderer (DESIGN §3). The message says
// what happened in words a user can act on; `reason` carries the cluster's own words.

export const errorCodes = ["Unreachable", "TLS", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid", "Timeout", "ExecPlugin", "Internal"] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  /** What the server (or the failing program) said, verbatim. */
  reason?: string;
  /** For Invalid: which fields, and why. */
  fields?: { path: string; message: string }[];
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly reason?: string;
  readonly fields?: { path: string; message: string }[];
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = "ApiError";
    this.code = shape.code;
    this.reason = shape.reason;
    this.fields = shape.fields;
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, reason: this.reason, fields: this.fields };
  }
}

export const isApiErrorShape = (v: unknown): v is ApiErrorShape =>
  typeof v === "object" && v !== null && errorCodes.includes((v as ApiErrorShape).code) && typeof (v as ApiErrorShape).message === "string";
