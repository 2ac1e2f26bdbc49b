// A terminal moved to its own window (DESIGN §6): the session stays in main while the window
// that showed it lets go and another takes it over. An exec session writes into a relay, not
// straight into its stream: on "detach" the relay lets go of the stream, keeps what the
// container prints meanwhile (bounded, the oldest dropped), and the session waits, under a
// one-time random token, for a new stream to resume it (a minute at most, then it is ended).
// The screen the old window showed comes first in the new one, so nothing seems to move.
import { randomBytes } from "node:crypto";
import type { StreamArgs, StreamEvents, StreamInput, StreamResults } from "../../src-shared/api/contract.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { StreamSink } from "../api/stream-sink.ts";

type Event = StreamEvents["pods.exec"];
type Result = StreamResults["pods.exec"];
type Sink = StreamSink<Event, Result>;
type Input = StreamInput<"pods.exec">;

/** How long a detached session waits for a window. */
export const detachedWaitMs = 60_000;
/** Output kept for the new window while none is attached. */
const keepBytes = 1 << 20;

/** Between an exec session and whichever stream shows it now. */
export class Relay implements Sink {
  private target?: Sink;
  private stopTargetDrain?: () => void;
  /** Which stream is attached (the first is 1): a stale stream's stop or input is ignored. */
  generation = 0;
  private kept: Event[] = [];
  private keptBytes = 0;
  private outcome?: { result?: Result } | { error: unknown };
  /** Which command runs: said again to a stream that takes the session over. */
  private started?: Event;
  private readonly drainListeners = new Set<() => void>();

  constructor(sink: Sink) {
    this.attach(sink);
  }

  get attached() {
    return !!this.target;
  }

  get ended() {
    return this.target ? this.target.ended : !!this.outcome;
  }

  attach(sink: Sink): number {
    this.target = sink;
    this.stopTargetDrain = sink.onDrain(() => this.drained());
    if (this.generation > 0 && this.started) sink.write(this.started);
    for (const e of this.kept) sink.write(e);
    this.kept = [];
    this.keptBytes = 0;
    if (this.outcome && "error" in this.outcome) sink.fail(this.outcome.error);
    else if (this.outcome) sink.end(this.outcome.result);
    return ++this.generation;
  }

  /** Lets go of the stream; output is kept from now on, so a paused source may go on. */
  detach(): Sink | undefined {
    const old = this.target;
    this.stopTargetDrain?.();
    this.target = undefined;
    this.drained();
    return old;
  }

  private drained() {
    for (const l of this.drainListeners) l();
  }

  write(e: Event): boolean {
    if ("started" in e) this.started = e;
    if (this.target) return this.target.write(e);
    this.kept.push(e);
    this.keptBytes += "data" in e ? e.data.byteLength : 64;
    while (this.keptBytes > keepBytes && this.kept.length > 1) {
      const gone = this.kept.shift()!;
      this.keptBytes -= "data" in gone ? gone.data.byteLength : 64;
    }
    return true;
  }

  offer(e: Event): boolean {
    return this.write(e);
  }

  onDrain(listener: () => void) {
    this.drainListeners.add(listener);
    return () => void this.drainListeners.delete(listener);
  }

  end(result?: Result) {
    if (this.target) this.target.end(result);
    else this.outcome = { result };
  }

  fail(error: unknown) {
    if (this.target) this.target.fail(error);
    else this.outcome = { error };
  }
}

interface Parked {
  relay: Relay;
  /** The pod and container, so a token is only good for the terminal it came from. */
  args: StreamArgs<"pods.exec">;
  kill(): void;
  input(i: Input): void;
  timer: NodeJS.Timeout;
}

const parked = new Map<string, Parked>();

/** The stream's handle for one attached generation: once another stream has the session, this one's stop and input do nothing. */
export function handleFor(relay: Relay, generation: number, kill: () => void, input: (i: Input) => void) {
  return {
    stop() {
      if (relay.generation === generation && relay.attached) kill();
    },
    input(i: Input) {
      if (relay.generation === generation && relay.attached) input(i);
    },
  };
}

/** "detach": the screen so far, then a token for the window that takes the session over; the old stream ends. */
export function park(p: Omit<Parked, "timer">, screen: string) {
  const token = randomBytes(24).toString("base64url");
  const old = p.relay.detach();
  old?.write({ detached: token });
  old?.end({ code: null, message: "moved to its own window" });
  if (screen) p.relay.write({ data: new TextEncoder().encode(screen) });
  // The screen goes first: what was kept before it (nothing, just detached) is not there to reorder.
  const timer = setTimeout(() => {
    parked.delete(token);
    p.kill();
  }, detachedWaitMs).unref();
  parked.set(token, { ...p, timer });
}

/** A new stream with `resume`: the parked session, attached to it. */
export function resume(args: StreamArgs<"pods.exec">, sink: Sink) {
  const p = args.resume ? parked.get(args.resume) : undefined;
  const same = p && p.args.context === args.context && p.args.namespace === args.namespace && p.args.name === args.name && p.args.container === args.container;
  if (!p || !same)
    throw new ApiError({
      code: "NotFound",
      message: `this terminal is no longer waiting for a window (a detached terminal waits ${detachedWaitMs / 1000} s); start a new one`,
    });
  parked.delete(args.resume!);
  clearTimeout(p.timer);
  const generation = p.relay.attach(sink);
  return handleFor(p.relay, generation, p.kill, p.input);
}
