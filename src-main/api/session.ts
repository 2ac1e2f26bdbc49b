// One renderer's conversation with the router, whatever carries it (IPC or WebSocket):
// calls answered by id, streams tracked so that closing the renderer ends them all.
import type { ServerMessage } from "../../src-shared/api/contract.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { Router } from "./router.ts";

export interface Session {
  /** Handles one message from the renderer (untrusted: anything may arrive). */
  handle(message: unknown): void;
  close(): void;
}

export function createSession(router: Router, send: (m: ServerMessage) => void): Session {
  const subs = new Map<number, () => void>();
  let closed = false;
  const out = (m: ServerMessage) => {
    if (!closed) send(m);
  };
  return {
    handle(message) {
      const m = message as { t?: unknown; id?: unknown; name?: unknown; input?: unknown };
      if (typeof m !== "object" || m === null || !Number.isSafeInteger(m.id)) return;
      const id = m.id as number;
      if (m.t === "call") {
        void router.call(m.name, m.input).then((r) => out({ t: "result", id, ...r }));
      } else if (m.t === "sub") {
        if (subs.has(id)) return;
        try {
          subs.set(id, () => {});
          const stop = router.subscribe(m.name, m.input, (event) => out({ t: "event", id, event }));
          if (subs.has(id)) subs.set(id, stop);
          else stop();
        } catch (e) {
          subs.delete(id);
          const err = e instanceof ApiError ? e : new ApiError({ code: "Internal", message: (e as Error).message });
          out({ t: "end", id, error: err.toJSON() });
        }
      } else if (m.t === "unsub") {
        subs.get(id)?.();
        subs.delete(id);
      }
    },
    close() {
      closed = true;
      for (const stop of subs.values()) stop();
      subs.clear();
    },
  };
}
