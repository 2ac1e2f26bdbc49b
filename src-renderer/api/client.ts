// Calls and streams over the transport, typed by the contract. Components never use this
// directly: they use the named functions in ./index.ts.
import type { CallInput, CallName, CallOutputs, ServerMessage, StreamEvents, StreamInput, StreamName } from "../../src-shared/api/contract.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { createTransport, type Transport } from "./transport.ts";

let transport: Transport | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: ApiError) => void }>();
const streams = new Map<number, { onEvent: (e: unknown) => void; onError?: (e: ApiError) => void }>();
const closeListeners = new Set<() => void>();

function connection(): Transport {
  if (transport) return transport;
  transport = createTransport();
  transport.onMessage((m: ServerMessage) => {
    if (m.t === "result") {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new ApiError(m.error));
    } else if (m.t === "event") {
      streams.get(m.id)?.onEvent(m.event);
    } else if (m.t === "end") {
      const s = streams.get(m.id);
      streams.delete(m.id);
      if (m.error) s?.onError?.(new ApiError(m.error));
    }
  });
  transport.onClose(() => {
    const lost = new ApiError({ code: "Unreachable", message: "The connection to Kubedeck's main process was lost." });
    for (const p of pending.values()) p.reject(lost);
    pending.clear();
    for (const l of closeListeners) l();
  });
  return transport;
}

export function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutputs[N]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    connection().send({ t: "call", id, name, input });
  });
}

export function subscribe<N extends StreamName>(
  name: N,
  input: StreamInput<N>,
  onEvent: (e: StreamEvents[N]) => void,
  onError?: (e: ApiError) => void,
): () => void {
  const id = nextId++;
  streams.set(id, { onEvent: onEvent as (e: unknown) => void, onError });
  connection().send({ t: "sub", id, name, input });
  return () => {
    if (streams.delete(id)) connection().send({ t: "unsub", id });
  };
}

export function onConnectionLost(l: () => void): () => void {
  closeListeners.add(l);
  return () => closeListeners.delete(l);
}
