// The transport's self-test (`diagnostics.echo`): what the renderer sends in comes back
// byte for byte, and on request main produces bytes by itself — as a Node stream that
// pauses for a slow reader, or as a source that cannot pause and skips instead. It proves
// the paths the terminal and the log viewer depend on, in the app and in the tests.
import { Readable } from "node:stream";
import type { StreamArgs, StreamEvents, StreamInput, StreamResults } from "../../src-shared/api/contract.ts";
import { echoByte } from "../../src-shared/api/streams.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { pipeToSink } from "../streams/node-stream.ts";
import type { StreamSink } from "./stream-sink.ts";

type Sink = StreamSink<StreamEvents["diagnostics.echo"], StreamResults["diagnostics.echo"]>;

let producing = 0;
/** How many producers are running now: a stream that ends or is given up must stop its own (the tests check). */
export const runningProducers = () => producing;

function chunkAt(offset: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = echoByte(offset + i);
  return out;
}

export function echo(args: StreamArgs<"diagnostics.echo">, sink: Sink) {
  let received = 0;
  let produced = 0;
  let stopProducing = () => {};
  const produce = args.produce;
  let running = !!produce;
  if (running) producing++;
  const finished = () => {
    if (running) producing--;
    running = false;
  };
  if (produce && produce.pausable) {
    const source = new Readable({
      read() {
        if (produced >= produce.bytes) return void this.push(null);
        const size = Math.min(produce.chunk, produce.bytes - produced);
        this.push(chunkAt(produced, size));
        produced += size;
      },
    });
    stopProducing = pipeToSink(
      source,
      sink,
      (chunk) => ({ data: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) }),
      () => {
        finished();
        sink.end({ code: 0, received, produced });
      },
    );
  } else if (produce) {
    // A source that cannot be paused (a log file being written, say): it goes on at its
    // own pace, a batch per turn of the event loop, and what does not fit is skipped.
    let timer: NodeJS.Immediate | undefined;
    const batch = () => {
      for (let i = 0; i < 64 && produced < produce.bytes; i++) {
        const size = Math.min(produce.chunk, produce.bytes - produced);
        sink.offer({ data: chunkAt(produced, size) }, 1);
        produced += size;
      }
      if (produced < produce.bytes) timer = setImmediate(batch);
      else {
        finished();
        sink.end({ code: 0, received, produced });
      }
    };
    timer = setImmediate(batch);
    stopProducing = () => clearImmediate(timer);
  }
  return {
    stop: () => {
      stopProducing();
      finished();
    },
    input(i: StreamInput<"diagnostics.echo">) {
      if (i.data) {
        received += i.data.byteLength;
        sink.write({ data: i.data });
      } else if (i.end) sink.end({ code: i.end.code, received, produced });
      else sink.fail(new ApiError({ code: "Internal", message: i.fail ?? "" }));
    },
  };
}
