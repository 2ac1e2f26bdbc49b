// One renderer's conversation with the router, whatever carries it (IPC or WebSocket):
// calls answered by id, streams tracked so that closing the renderer ends them all, input
// passed into open streams, and every stream's output flow-controlled (DESIGN §3.1).
// Anything may arrive (the renderer is untrusted): a frame that is not a message is refused,
// a message that does not fit is answered with Invalid where it has an id — never thrown.
import type { ServerMessage, StreamName } from "../../src-shared/api/contract.ts";
import { bytesStreams } from "../../src-shared/api/streams.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { decodeFrame, encodeFrame, frameSize, WireError, type Frame } from "../../src-shared/api/wire.ts";
import { toApiError } from "../kube/errors.ts";
import type { Router, StreamHandle } from "./router.ts";
import { defaultLimits, type FlowLimits, type StreamSink } from "./stream-sink.ts";

export interface SessionTransport {
  /** Sends one frame; `flushed` is called once it has left (serve mode), so that waiting streams go on. */
  send(frame: Frame, flushed?: () => void): void;
  /** Bytes handed to the transport but not yet sent (a WebSocket's bufferedAmount); absent for IPC. */
  buffered?(): number;
}

export interface Session {
  /** One frame from the renderer. "malformed" when it is not a message at all (serve mode then closes the socket with 1007). */
  receive(frame: unknown): "ok" | "malformed";
  close(): void;
}

export interface SessionOptions {
  limits?: Partial<FlowLimits>;
  /** One line per refused message; never its content. */
  log?: (line: string) => void;
  /** Which window this is, for the streams that answer one window only (its menu clicks). */
  peer?: string;
}

interface Queued {
  frame: Frame;
  size: number;
  last?: boolean;
}

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);

export function createSession(router: Router, transport: SessionTransport, opts: SessionOptions = {}): Session {
  const limits = { ...defaultLimits, ...opts.limits };
  const log = opts.log ?? ((line: string) => console.error(`kubedeck: ${line}`));
  const streams = new Map<number, OutStream>();
  let closed = false;

  const congested = () => (transport.buffered?.() ?? 0) > limits.socketHighWater;
  const flushed = transport.buffered ? () => pump() : undefined;

  function sendNow(m: ServerMessage) {
    if (!closed) transport.send(encodeFrame(m));
  }

  let pumping = false;
  let pumpAgain = false;
  /** Sends what the window and the socket allow, taking streams in turn so that one busy stream does not starve the others. */
  function pump() {
    // A transport that answers synchronously (an ack from within send) asks for another round, not a nested one.
    if (pumping) return void (pumpAgain = true);
    pumping = true;
    try {
      do {
        pumpAgain = false;
        let progress = true;
        while (progress && !closed) {
          progress = false;
          for (const s of streams.values()) {
            if (congested()) return;
            if (s.sendOne()) progress = true;
          }
        }
      } while (pumpAgain && !closed);
    } finally {
      pumping = false;
    }
  }

  class OutStream implements StreamSink<unknown, unknown> {
    private queue: Queued[] = [];
    private queued = 0;
    private inFlight = 0;
    private skipped = 0;
    private behind = false;
    private readonly drainListeners = new Set<() => void>();
    ended = false;
    handle?: StreamHandle;
    private stopped = false;
    readonly id: number;
    private readonly bytes: boolean;

    constructor(id: number, name: StreamName) {
      this.id = id;
      this.bytes = bytesStreams.has(name);
    }

    private get pending() {
      return this.inFlight + this.queued;
    }

    private encode(m: ServerMessage, last = false): Queued {
      const frame = encodeFrame(m, this.bytes);
      return { frame, size: frameSize(frame), last };
    }

    private push(q: Queued) {
      this.queue.push(q);
      this.queued += q.size;
    }

    private flushSkipped() {
      if (!this.skipped) return;
      this.push(this.encode({ t: "skipped", id: this.id, count: this.skipped }));
      this.skipped = 0;
    }

    private afterQueue(): boolean {
      pump();
      const ok = this.pending < limits.highWater;
      if (!ok) this.behind = true;
      return ok;
    }

    write(event: unknown): boolean {
      if (this.ended) return false;
      const q = this.encode({ t: "event", id: this.id, event });
      if (this.pending > 0 && this.pending + q.size > limits.failAbove) {
        // What is queued cannot help a stream that failed: it goes, and the failure goes at once.
        this.queue = [];
        this.queued = 0;
        this.fail(
          new ApiError({ code: "Internal", message: "The view fell too far behind this stream, which was stopped to keep Kubedeck's memory bounded." }),
        );
        return false;
      }
      this.flushSkipped();
      this.push(q);
      return this.afterQueue();
    }

    offer(event: unknown, units = 1): boolean {
      if (this.ended) return false;
      const q = this.encode({ t: "event", id: this.id, event });
      if (this.pending > 0 && this.pending + q.size > limits.skipAbove) {
        this.skipped += units;
        this.behind = true;
        return false;
      }
      this.flushSkipped();
      this.push(q);
      return this.afterQueue();
    }

    onDrain(listener: () => void) {
      this.drainListeners.add(listener);
      return () => this.drainListeners.delete(listener);
    }

    end(result?: unknown) {
      if (this.ended) return;
      this.ended = true;
      this.flushSkipped();
      this.push(this.encode({ t: "end", id: this.id, ...(result === undefined ? {} : { result }) }, true));
      this.stop();
      pump();
    }

    fail(error: unknown) {
      if (this.ended) return;
      this.ended = true;
      this.flushSkipped();
      this.push(this.encode({ t: "end", id: this.id, error: toApiError(error, "streaming").toJSON() }, true));
      this.stop();
      pump();
    }

    /** The service's clean-up, exactly once, whoever ends the stream. */
    stop() {
      if (this.stopped || !this.handle) return;
      this.stopped = true;
      try {
        this.handle.stop();
      } catch (e) {
        log(`a stream's clean-up failed: ${(e as Error).message}`);
      }
    }

    /** Sends the next queued frame if the window allows; true when it did. */
    sendOne(): boolean {
      const head = this.queue[0];
      if (!head || (this.inFlight > 0 && this.inFlight + head.size > limits.window)) return false;
      this.queue.shift();
      this.queued -= head.size;
      this.inFlight += head.size;
      if (head.last) streams.delete(this.id);
      if (!closed) transport.send(head.frame, flushed);
      return true;
    }

    ack(bytes: number) {
      this.inFlight = Math.max(0, this.inFlight - bytes);
      if (this.pending < limits.highWater / 2) {
        this.flushSkipped();
        if (this.behind) {
          this.behind = false;
          for (const l of [...this.drainListeners]) l();
        }
      }
      pump();
    }
  }

  function handle(message: unknown) {
    const m = message as { t?: unknown; id?: unknown; name?: unknown; input?: unknown; bytes?: unknown };
    if (typeof m !== "object" || m === null || Array.isArray(m)) return log(`ignored a message that is ${describe(m)}, not an object`);
    if (!Number.isSafeInteger(m.id)) return log(`ignored a "${String(m.t).slice(0, 20)}" message without a valid id`);
    const id = m.id as number;
    switch (m.t) {
      case "call":
        void router.call(m.name, m.input).then((r) => sendNow({ t: "result", id, ...r }));
        return;
      case "sub":
        return subscribe(id, m.name, m.input);
      case "input": {
        const s = streams.get(id);
        // A stream that has just ended may still get input sent before the reader knew.
        if (!s?.handle || s.ended) return;
        try {
          s.handle.input(m.input);
        } catch (e) {
          s.fail(e);
        }
        return;
      }
      case "ack":
        if (!Number.isSafeInteger(m.bytes) || (m.bytes as number) < 0) return log(`ignored an ack of ${describe(m.bytes)}`);
        return streams.get(id)?.ack(m.bytes as number);
      case "unsub": {
        const s = streams.get(id);
        streams.delete(id);
        s?.stop();
        return;
      }
      default:
        sendNow({ t: "result", id, ok: false, error: { code: "Invalid", message: `unknown message type "${String(m.t).slice(0, 20)}"` } });
    }
  }

  function subscribe(id: number, name: unknown, input: unknown) {
    if (streams.has(id)) return log(`ignored a second subscription with id ${id}`);
    const s = new OutStream(id, name as StreamName);
    streams.set(id, s);
    try {
      // The service may write (and even end) before subscribe returns: the sink exists first.
      s.handle = router.subscribe(name, input, s, opts.peer);
      // Ended or unsubscribed while starting: its clean-up runs now.
      if (s.ended || !streams.has(id)) s.stop();
    } catch (e) {
      streams.delete(id);
      const err = e instanceof ApiError ? e : new ApiError({ code: "Internal", message: (e as Error).message });
      sendNow({ t: "end", id, error: err.toJSON() });
    }
  }

  return {
    receive(frame) {
      let message: unknown;
      try {
        if (typeof frame !== "string" && !(frame instanceof Uint8Array) && !(frame instanceof ArrayBuffer))
          throw new WireError(`a frame of type ${describe(frame)}`);
        message = decodeFrame(frame);
      } catch (e) {
        log(`refused a malformed frame: ${(e as Error).message.slice(0, 200)}`);
        return "malformed";
      }
      try {
        handle(message);
      } catch (e) {
        // A bug of ours must not take main down: the message is dropped and said so.
        log(`a message could not be handled: ${(e as Error).message}`);
      }
      return "ok";
    },
    close() {
      closed = true;
      for (const s of streams.values()) s.stop();
      streams.clear();
    },
  };
}
