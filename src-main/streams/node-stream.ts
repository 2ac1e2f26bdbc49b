// A Node stream into a stream sink, with its backpressure (DESIGN §3.1): the source pauses
// while the reader is behind and resumes once main's queue has gone down. Exec, attach and
// logs read Node streams; the transport's self-test does too.
import type { Readable } from "node:stream";
import type { StreamSink } from "../api/stream-sink.ts";

/**
 * Forwards `source` into `sink` as events made by `toEvent`. Returns a stop function that
 * destroys the source. The caller decides how the stream ends (`onEnd`); an error in the
 * source fails the stream.
 */
export function pipeToSink<E, R>(source: Readable, sink: StreamSink<E, R>, toEvent: (chunk: Buffer) => E, onEnd: () => void): () => void {
  const stopDrain = sink.onDrain(() => source.resume());
  source.on("data", (chunk: Buffer) => {
    if (!sink.write(toEvent(chunk))) source.pause();
  });
  source.once("end", onEnd);
  source.once("error", (e) => sink.fail(e));
  return () => {
    stopDrain();
    source.destroy();
  };
}
