// The connection check (Preferences): bytes to main and back, then a stream from main, every
// byte compared. It exercises the path terminals and logs take: binary frames, stream input,
// a service's end, and the acknowledgements that pace a stream.
import { echoByte } from "../../src-shared/api/streams.ts";
import { echo } from "../api/index.ts";

export interface CheckResult {
  echoBytes: number;
  echoMs: number;
  streamBytes: number;
  streamMs: number;
}

const MiB = 1 << 20;

/** Resolves with what was measured, or rejects saying where the bytes differ or what failed. */
export function runConnectionCheck(): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    // 1 MiB in 64 KiB chunks, the first boundary splitting a three-byte character.
    const sent = new Uint8Array(MiB).map((_, i) => (i * 31 + 7) % 256);
    sent.set(new TextEncoder().encode("中"), 64 * 1024 - 2);
    const received: Uint8Array[] = [];
    const startEcho = performance.now();
    const sub = echo(
      {},
      {
        onEvent: (e) => received.push(e.data),
        onError: reject,
        onEnd: () => {
          const echoMs = performance.now() - startEcho;
          const back = new Uint8Array(received.reduce((n, c) => n + c.byteLength, 0));
          let at = 0;
          for (const c of received) {
            back.set(c, at);
            at += c.byteLength;
          }
          const differs = back.byteLength !== sent.byteLength ? Math.min(back.byteLength, sent.byteLength) : back.findIndex((b, i) => b !== sent[i]);
          if (differs >= 0) return reject(new Error(`corrupt:${differs}`));
          streamCheck(echoMs);
        },
      },
    );
    for (let i = 0; i < sent.byteLength; i += 64 * 1024) sub.send({ data: sent.subarray(i, i + 64 * 1024) });
    sub.send({ end: { code: 0 } });

    function streamCheck(echoMs: number) {
      const size = 8 * MiB;
      let offset = 0;
      let bad = -1;
      const start = performance.now();
      echo(
        { produce: { bytes: size, chunk: 64 * 1024, pausable: true } },
        {
          onEvent: (e) => {
            for (let i = 0; i < e.data.byteLength && bad < 0; i++) if (e.data[i] !== echoByte(offset + i)) bad = offset + i;
            offset += e.data.byteLength;
          },
          onError: reject,
          onEnd: () => {
            if (bad >= 0 || offset !== size) return reject(new Error(`corrupt:${bad >= 0 ? bad : offset}`));
            resolve({ echoBytes: sent.byteLength, echoMs, streamBytes: size, streamMs: performance.now() - start });
          },
        },
      );
    }
  });
}
