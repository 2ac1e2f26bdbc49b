// Main's JS heap, beside its RSS: how much of what the serve process holds is live objects,
// and how much is V8's room around them. The bench starts serve with --inspect on a port of
// its choosing on 127.0.0.1, and asks through the inspector's DevTools protocol for a full GC,
// then the heap's used and total size (what Chromium's renderer figures use too).

/** The inspector's WebSocket address, from the line Node prints when --inspect is given. */
export const inspectorUrl = (output: string) => /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(output)?.[1];

/** After a full GC: the heap's live bytes and the bytes V8 holds for it, in MB (2^20 bytes). */
export async function mainHeapMB(url: string): Promise<{ usedMB: number; totalMB: number }> {
  const socket = new WebSocket(url);
  await new Promise<void>((ok, fail) => {
    socket.addEventListener("open", () => ok(), { once: true });
    socket.addEventListener("error", () => fail(new Error(`bench: cannot reach main's inspector at ${url}`)), { once: true });
  });
  let id = 0;
  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  socket.addEventListener("message", (m) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const p = msg.id !== undefined ? pending.get(msg.id) : undefined;
    if (!p) return;
    pending.delete(msg.id!);
    if (msg.error) p.fail(new Error(`bench: main's inspector: ${msg.error.message}`));
    else p.ok(msg.result);
  });
  const send = <T>(method: string): Promise<T> =>
    new Promise<T>((ok, fail) => {
      pending.set(++id, { ok: ok as (v: unknown) => void, fail });
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await send("HeapProfiler.collectGarbage");
    const { usedSize, totalSize } = await send<{ usedSize: number; totalSize: number }>("Runtime.getHeapUsage");
    return { usedMB: usedSize / 2 ** 20, totalMB: totalSize / 2 ** 20 };
  } finally {
    socket.close();
  }
}
