// Calls and streams over the transport, typed by the contract. Components never use this
// directly: they use the named functions in ./index.ts.
//
// Each stream's events are acknowledged once handled (DESIGN §3.1): main sends no further
// ahead than a window, so a renderer that falls behind slows the stream down rather than
// filling memory on either side.
import type {
  CallInput,
  CallName,
  CallOutputs,
  ClientMessage,
  ServerMessage,
  StreamArgs,
  StreamEvents,
  StreamInput,
  StreamName,
  StreamResults,
} from "../../src-shared/api/contract.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { bytesStreams } from "../../src-shared/api/streams.ts";
import { decodeFrame, encodeFrame, encodeFrameInSlices, frameSize, type Frame } from "../../src-shared/api/wire.ts";
import { nextTask } from "../data/next-task.ts";
import type { Transport } from "./transport.ts";

export interface StreamHandlers<N extends StreamName> {
  onEvent(event: StreamEvents[N]): void;
  /** The service ended the stream, with its result. */
  onEnd?(result: StreamResults[N]): void;
  /** The stream failed, was refused, or the connection to main was lost. */
  onError?(error: ApiError): void;
  /** Main skipped this many units (chunks, lines) because this reader fell behind. */
  onSkipped?(count: number): void;
}

export interface Subscription<N extends StreamName> {
  /** Ends the stream (main stops its source). */
  stop(): void;
  /** Sends input into the open stream (stdin, a resize). */
  send(input: StreamInput<N>): void;
}

export interface Client {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutputs[N]>;
  subscribe<N extends StreamName>(name: N, args: StreamArgs<N>, handlers: StreamHandlers<N>): Subscription<N>;
  onConnectionLost(listener: () => void): () => void;
}

/** Acknowledged at once past this many bytes; smaller amounts a moment later, together. */
const ackEvery = 256 * 1024;
const ackDelayMs = 20;

interface OpenStream {
  name: StreamName;
  handlers: StreamHandlers<StreamName>;
  unacked: number;
}

export function createClient(transport: Transport): Client {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: ApiError) => void }>();
  const streams = new Map<number, OpenStream>();
  const closeListeners = new Set<() => void>();
  let ackTimer: ReturnType<typeof setTimeout> | undefined;

  // Frames leave in the order their messages were sent: one being encoded over several tasks
  // (a call with megabytes of text, wire.ts) holds back those sent after it.
  let behind: Promise<unknown> | undefined;
  let waiting = 0;
  /** Sends `m`; a promise when its frame is encoded later, which rejects if that fails. */
  const send = (m: ClientMessage, mayHaveBytes = false): Promise<void> | void => {
    const frame = mayHaveBytes ? encodeFrameInSlices(m, nextTask) : encodeFrame(m);
    if (!behind && !(frame instanceof Promise)) {
      transport.send(frame);
      return;
    }
    waiting++;
    const sent = Promise.all([frame, behind]).then(([f]) => transport.send(f));
    behind = sent
      .catch(() => undefined)
      .finally(() => {
        if (--waiting === 0) behind = undefined;
      });
    return sent;
  };

  function flushAcks() {
    ackTimer = undefined;
    for (const [id, s] of streams) {
      if (!s.unacked) continue;
      send({ t: "ack", id, bytes: s.unacked });
      s.unacked = 0;
    }
  }

  function handled(id: number, s: OpenStream, size: number) {
    s.unacked += size;
    if (s.unacked >= ackEvery) {
      send({ t: "ack", id, bytes: s.unacked });
      s.unacked = 0;
    } else ackTimer ??= setTimeout(flushAcks, ackDelayMs);
  }

  function receive(frame: Frame) {
    let m: ServerMessage;
    try {
      m = decodeFrame(frame) as ServerMessage;
    } catch (e) {
      console.error(`Kubedeck: a message from main could not be read: ${(e as Error).message}`);
      return;
    }
    if (m.t === "result") {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new ApiError(m.error));
      return;
    }
    const s = streams.get(m.id);
    if (!s) return;
    if (m.t === "end") {
      streams.delete(m.id);
      if (m.error) s.handlers.onError?.(new ApiError(m.error));
      else s.handlers.onEnd?.(m.result as never);
      return;
    }
    // Acknowledged after the handler ran: a reader busy with one event gets the next later.
    if (m.t === "event") s.handlers.onEvent(m.event as never);
    else if (m.t === "skipped") s.handlers.onSkipped?.(m.count);
    handled(m.id, s, frameSize(frame));
  }

  transport.onFrame(receive);
  transport.onClose(() => {
    const lost = new ApiError({ code: "Unreachable", message: "The connection to Kubedeck's main process was lost." });
    for (const p of pending.values()) p.reject(lost);
    pending.clear();
    const open = [...streams.values()];
    streams.clear();
    for (const s of open) s.handlers.onError?.(lost);
    for (const l of closeListeners) l();
  });

  return {
    call(name, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        // Walked for long strings (wire.ts): a long text (a draft's manifest) goes as UTF-8, not as JSON text.
        send({ t: "call", id, name, input }, true)?.catch((e: unknown) => {
          pending.delete(id);
          reject(e as ApiError);
        });
      });
    },
    subscribe(name, args, handlers) {
      const id = nextId++;
      streams.set(id, { name, handlers: handlers as StreamHandlers<StreamName>, unacked: 0 });
      send({ t: "sub", id, name, input: args });
      return {
        stop: () => {
          if (streams.delete(id)) send({ t: "unsub", id });
        },
        send: (input) => {
          if (streams.has(id)) send({ t: "input", id, input }, bytesStreams.has(name));
        },
      };
    },
    onConnectionLost(l) {
      closeListeners.add(l);
      return () => closeListeners.delete(l);
    },
  };
}
