// Main's JS heap, beside its RSS: how much of what the serve process holds is live objects,
// and how much is V8's room around them. The bench starts serve with --inspect on a port of
// its choosing on 127.0.0.1, and asks through the inspector's DevTools protocol for Node's own
// account first (process.memoryUsage: V8's heap as it stands, garbage included, and the
// memory outside it), then for a full GC and the heap's live size (what the renderer's figure is).

/** The inspector's WebSocket address, from the line Node prints when --inspect is given. */
export const inspectorUrl = (output: string) => /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(output)?.[1];

export interface MainHeap {
  /** Live JS heap after a full GC. */
  usedMB: number;
  /** The heap V8 held before that GC (live, garbage and free room). */
  totalMB: number;
  /** Memory outside the heap that JS objects hold (Buffers among it). */
  externalMB: number;
}

/** Main's heap, in MB (2^20 bytes). */
export async function mainHeapMB(url: string): Promise<MainHeap> {
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
  const evaluate = <T>(expression: string): Promise<T> =>
    new Promise<T>((ok, fail) => {
      pending.set(++id, { ok: (r) => ok((r as { result: { value: T } }).result.value), fail });
      socket.send(JSON.stringify({ id, method: "Runtime.evaluate", params: { expression, returnByValue: true } }));
    });
  try {
    const before = await evaluate<{ heapTotal: number; external: number }>("process.memoryUsage()");
    await send("HeapProfiler.collectGarbage");
    const { usedSize } = await send<{ usedSize: number }>("Runtime.getHeapUsage");
    return { usedMB: usedSize / 2 ** 20, totalMB: before.heapTotal / 2 ** 20, externalMB: before.external / 2 ** 20 };
  } finally {
    socket.close();
  }
}
