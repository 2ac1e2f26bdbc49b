// What a stream's service writes into (DESIGN §3.1). Each stream has a bounded queue in
// main, counted in bytes of encoded frames: the renderer acknowledges what it has handled,
// and main sends no further ahead of it than a window. A source that can pause (a Node
// stream) stops when `write` returns false and goes on at `onDrain`; a source that cannot
// either uses `offer`, which skips beyond a limit and tells the reader how much, or (the
// watch hub) sends one fresh snapshot once drained instead of every change it missed.

export interface StreamSink<E, R = never> {
  /** Queues an event. False when the reader is behind: pause until `onDrain`. */
  write(event: E): boolean;
  /** Queues an event unless the queue is full, in which case it is skipped and its `units`
   *  (lines, chunks) counted; the reader is told the count before the next event it gets. */
  offer(event: E, units?: number): boolean;
  /** Called once the queue has gone down after a `write` or `offer` returned false. */
  onDrain(listener: () => void): () => void;
  /** Ends the stream with a result (an exit code), after the events already queued. */
  end(result?: R): void;
  /** Ends the stream with an error, after the events already queued. */
  fail(error: unknown): void;
  readonly ended: boolean;
}

export interface FlowLimits {
  /** Bytes of one stream sent but not yet acknowledged, before main waits for the reader. */
  window: number;
  /** Pending bytes (sent and unacknowledged, plus queued) at which `write` says "pause". */
  highWater: number;
  /** Pending bytes beyond which `offer` skips instead of queueing. */
  skipAbove: number;
  /** A source that keeps writing past this is failed rather than let main's memory grow. */
  failAbove: number;
  /** Serve mode: the socket's own unsent bytes (bufferedAmount) above which no stream sends. */
  socketHighWater: number;
}

const MiB = 1 << 20;
// Flow control bounds a reader that stopped; it must not slow one that is merely busy. The
// rows of 30,000 pods are about 12 MB: a list that large arrives without main ever waiting
// for an acknowledgement (a smaller window made the 10,000-pod list a third slower).
export const defaultLimits: FlowLimits = { window: 16 * MiB, highWater: 32 * MiB, skipAbove: 64 * MiB, failAbove: 256 * MiB, socketHighWater: 32 * MiB };
