// Streams both ways (DESIGN §3.1), through the real pieces: serve mode's WebSocket server,
// main's session and router with the transport self-test stream, and the renderer's own
// client and transports — over a WebSocket as in the browser, and over an IPC-like bridge
// that passes frames as Electron's structured clone does. No cluster is needed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ServerMessage, StreamResults } from "../src-shared/api/contract.ts";
import { echoByte } from "../src-shared/api/streams.ts";
import { decodeFrame, encodeFrame, frameSize, type Frame } from "../src-shared/api/wire.ts";
import { runningProducers } from "../src-main/api/echo.ts";
import { createSession } from "../src-main/api/session.ts";
import { defaultLimits } from "../src-main/api/stream-sink.ts";
import { createApp, type App } from "../src-main/index.ts";
import { serve, type Serving } from "../src-main/server/http-server.ts";
import { createClient, type Client } from "../src-renderer/api/client.ts";
import { ipcTransport, webSocketTransport, type SocketLike } from "../src-renderer/api/transport.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MiB = 1 << 20;
const { window, highWater, skipAbove } = defaultLimits;
/** Room for what the test itself and the socket's buffers hold besides main's queue. */
const slack = 8 * MiB;

const dir = mkdtempSync(join(tmpdir(), "kubedeck-transport-"));
let app: App;
let serving: Serving;
const logged: string[] = [];
const errorLog = console.error;

beforeAll(async () => {
  console.error = (...a: unknown[]) => logged.push(a.join(" "));
  app = createApp({ userDataDir: join(dir, "user-data"), env: { KUBECONFIG: join(dir, "none.yaml") } });
  serving = await serve({ router: app.router, staticDir: dir, port: 0 });
});

afterAll(async () => {
  console.error = errorLog;
  await serving.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A WebSocket to serve mode as our page opens it: its origin and the token's cookie. */
function socket(): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${serving.port}/api`, {
    origin: `http://127.0.0.1:${serving.port}`,
    headers: { cookie: `kubedeck_token=${serving.token}` },
  });
}
const opened = (ws: WebSocket) => new Promise<void>((resolve, reject) => (ws.once("open", () => resolve()), ws.once("error", reject)));
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));

/** `sent`, if given, sees each frame the client sends, as it goes. */
function webSocketClient(sent?: (f: Frame) => void): Client {
  const ws = socket();
  if (sent) {
    const send = ws.send.bind(ws);
    ws.send = ((f: Frame, ...rest: never[]) => (sent(f), send(f, ...rest))) as typeof ws.send;
  }
  return createClient(webSocketTransport(ws as unknown as SocketLike));
}

/** The IPC path minus Electron: frames cross as structured clones, a turn of the event loop later, both ways. */
function ipcClient(sent?: (f: Frame) => void): Client {
  const listeners = new Set<(f: unknown) => void>();
  const session = createSession(app.router, { send: (f) => setImmediate(() => listeners.forEach((l) => l(structuredClone(f)))) });
  return createClient(
    ipcTransport({
      send: (f) => (sent?.(f as Frame), setImmediate(() => session.receive(structuredClone(f)))),
      onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
    }),
  );
}

interface Echoed {
  chunks: Uint8Array[];
  skipped: number;
  result?: StreamResults["diagnostics.echo"];
  error?: { code: string; message: string; fields?: { path: string }[] };
}

function echo(client: Client, args: Parameters<Client["subscribe"]>[1]) {
  const got: Echoed = { chunks: [], skipped: 0 };
  const sub = client.subscribe("diagnostics.echo", args as never, {
    onEvent: (e) => got.chunks.push(e.data),
    onSkipped: (n) => (got.skipped += n),
    onEnd: (r) => (got.result = r),
    onError: (e) => (got.error = e),
  });
  return { got, sub };
}

const concat = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
};

const zhong = new TextEncoder().encode("中"); // e4 b8 ad
const everyByte = new Uint8Array(256).map((_, i) => i);

describe.each([
  ["the serve-mode WebSocket", webSocketClient],
  ["IPC (structured clones)", ipcClient],
])("over %s", (_name, makeClient) => {
  it("round-trips bytes, a multi-byte character split across two chunks included, and ends with the service's result", async () => {
    const client = makeClient();
    const { got, sub } = echo(client, {});
    const sent = [zhong.subarray(0, 2), zhong.subarray(2), everyByte, new Uint8Array(300_000).map((_, i) => i * 7)];
    for (const data of sent) sub.send({ data });
    sub.send({ end: { code: 3 } });
    await expect.poll(() => got.result).toEqual({ code: 3, received: 2 + 1 + 256 + 300_000, produced: 0 });
    expect([...concat(got.chunks)]).toEqual([...concat(sent)]);
    expect(new TextDecoder().decode(concat(got.chunks).subarray(0, 3))).toBe("中");
  });

  it("sends a call carrying megabytes of text (encoded a slice at a time) whole, and a call made after it, after it", async () => {
    const sent: string[] = [];
    const client = makeClient((f) => sent.push((decodeFrame(f) as { name: string }).name));
    // Over wire.ts's sliceChars several times, in three scripts, an emoji included.
    const text = `# 中文 ✓ 😀\n${"kind: ConfigMap\ndata:\n  key: value\n".repeat(100_000)}`;
    const saving = client.call("drafts.save", { context: "none", mode: "create", title: "ConfigMap", text });
    const listing = client.call("drafts.list", {});
    const [saved] = await Promise.all([saving, listing]);
    expect(sent).toEqual(["drafts.save", "drafts.list"]);
    expect((await client.call("drafts.get", { id: saved.id })).text === text).toBe(true);
    await client.call("drafts.discard", { id: saved.id });
  });

  it("delivers what main produces by itself, then its end", async () => {
    const { got } = echo(makeClient(), { produce: { bytes: 3 * MiB + 5, chunk: 64 * 1024, pausable: true } });
    await expect.poll(() => got.result, { timeout: 20_000 }).toEqual({ code: 0, received: 0, produced: 3 * MiB + 5 });
    const all = concat(got.chunks);
    expect(all.byteLength).toBe(3 * MiB + 5);
    expect(all.every((b, i) => b === echoByte(i))).toBe(true);
  });

  it("sees a stream its service failed, and an input that does not fit, each with its reason", async () => {
    const client = makeClient();
    const failed = echo(client, {});
    failed.sub.send({ fail: "the container is gone" });
    await expect.poll(() => failed.got.error).toMatchObject({ code: "Internal", message: "the container is gone" });

    const invalid = echo(client, {});
    invalid.sub.send({ data: "not bytes" } as never);
    await expect.poll(() => invalid.got.error).toMatchObject({ code: "Invalid", fields: [expect.objectContaining({ path: "data" })] });

    const refused = echo(client, { produce: { bytes: -1, chunk: 1, pausable: true } });
    await expect.poll(() => refused.got.error).toMatchObject({ code: "Invalid", fields: [expect.objectContaining({ path: "produce.bytes" })] });
  });
});

/** A raw client that speaks the protocol itself, so that a test decides when (and whether) it acknowledges. */
async function rawClient() {
  const ws = socket();
  ws.binaryType = "nodebuffer";
  const messages: ServerMessage[] = [];
  let received = 0;
  let acking = false;
  ws.on("message", (data: Buffer, isBinary) => {
    const frame: Frame = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString();
    const m = decodeFrame(frame) as ServerMessage;
    received += frameSize(frame);
    // Bytes are counted, not kept: the reader's own memory must not blur main's.
    messages.push(m.t === "event" ? { ...m, event: { bytes: (m.event as { data: Uint8Array }).data.byteLength } } : m);
    if (acking && (m.t === "event" || m.t === "skipped")) ws.send(JSON.stringify({ t: "ack", id: m.id, bytes: frameSize(frame) }));
  });
  await opened(ws);
  return {
    ws,
    messages,
    received: () => received,
    send: (m: unknown) => ws.send(encodeFrame(m)),
    /** Acknowledges what arrived so far and everything from now on. */
    resume(id: number) {
      acking = true;
      ws.send(JSON.stringify({ t: "ack", id, bytes: received }));
    },
  };
}

/** Main's memory that a queue can hold: the heap and the byte arrays outside it, after a full GC
 *  (twice, a turn apart: byte arrays' memory is given back by a sweep after the collection). */
async function heldBytes() {
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Turns of the event loop: a producer that did not pause would have run this many batches. */
async function turns(n: number) {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

// Hundreds of megabytes pass through main here: seconds of work, more on a busy machine, so
// more time than the unit project's 5 s default (the tests assert memory and order, not speed).
describe("flow control", { timeout: 60_000 }, () => {
  it("pauses a 200 MB producer for a reader that stops acknowledging, keeping main's memory bounded, and goes on when it reads again", async () => {
    const c = await rawClient();
    const before = await heldBytes();
    c.send({ t: "sub", id: 1, name: "diagnostics.echo", input: { produce: { bytes: 200 * MiB, chunk: 64 * 1024, pausable: true } } });
    // Main sends up to its window ahead of the acknowledgements.
    await expect.poll(() => c.received(), { timeout: 20_000 }).toBeGreaterThanOrEqual(window - 70 * 1024);
    // 3,000 turns is room for 190 MB of 64 KiB chunks from a source that did not pause
    // (far above the high-water mark, where the queue pauses the producer).
    await turns(3000);
    const grown = (await heldBytes()) - before;
    expect(grown).toBeLessThan(highWater + slack);
    // Main sent a window ahead, no more.
    expect(c.received()).toBeLessThan(window + 128 * 1024);
    c.resume(1);
    await expect
      .poll(() => c.messages.find((m) => m.t === "end"), { timeout: 60_000 })
      .toEqual({ t: "end", id: 1, result: { code: 0, received: 0, produced: 200 * MiB } });
    const bytes = c.messages.reduce((n, m) => n + (m.t === "event" ? (m.event as { bytes: number }).bytes : 0), 0);
    expect(bytes).toBe(200 * MiB);
    c.ws.close();
  });

  it("skips, and counts, what a source that cannot pause produces for a reader that stopped; memory stays bounded", async () => {
    const c = await rawClient();
    const before = await heldBytes();
    const chunk = 32 * 1024;
    c.send({ t: "sub", id: 1, name: "diagnostics.echo", input: { produce: { bytes: 200 * MiB, chunk, pausable: false } } });
    // Main sends up to its window ahead of the acknowledgements.
    await expect.poll(() => c.received(), { timeout: 20_000 }).toBeGreaterThanOrEqual(window - 70 * 1024);
    // The producer makes 64 chunks a turn: 100 turns see all 6,400 of them made.
    await turns(150);
    expect((await heldBytes()) - before).toBeLessThan(skipAbove + slack);
    c.resume(1);
    await expect.poll(() => c.messages.find((m) => m.t === "end"), { timeout: 30_000 }).toMatchObject({ result: { code: 0, produced: 200 * MiB } });
    const skipped = c.messages.filter((m) => m.t === "skipped");
    expect(skipped.length).toBeGreaterThan(0);
    const delivered = c.messages.filter((m) => m.t === "event").length;
    // Every chunk either arrived or was counted as skipped, and the marker came before the end.
    expect(delivered + skipped.reduce((n, m) => n + (m as { count: number }).count, 0)).toBe((200 * MiB) / chunk);
    expect(c.messages.findIndex((m) => m.t === "skipped")).toBeLessThan(c.messages.findIndex((m) => m.t === "end"));
    c.ws.close();
  });

  it("keeps main's memory bounded for a reader that does not even read its socket", async () => {
    const c = await rawClient();
    const before = await heldBytes();
    c.ws.pause();
    c.send({ t: "sub", id: 1, name: "diagnostics.echo", input: { produce: { bytes: 200 * MiB, chunk: 64 * 1024, pausable: true } } });
    await turns(3000);
    expect((await heldBytes()) - before).toBeLessThan(highWater + slack);
    c.ws.resume();
    c.resume(1);
    await expect.poll(() => c.messages.find((m) => m.t === "end"), { timeout: 60_000 }).toMatchObject({ result: { produced: 200 * MiB } });
    c.ws.close();
  });

  it("stops the producer when the reader unsubscribes", async () => {
    const c = await rawClient();
    c.resume(1);
    expect(runningProducers()).toBe(0);
    c.send({ t: "sub", id: 1, name: "diagnostics.echo", input: { produce: { bytes: 200 * MiB, chunk: 64 * 1024, pausable: true } } });
    await expect.poll(() => c.received()).toBeGreaterThan(MiB);
    expect(runningProducers()).toBe(1);
    c.send({ t: "unsub", id: 1 });
    // Polled longer than the default second: on a busy machine (a bench beside it) stopping can take longer.
    await expect.poll(() => runningProducers(), { timeout: 10_000 }).toBe(0);
    expect(c.messages.some((m) => m.t === "end")).toBe(false);
    // A socket that closes stops its streams' producers too.
    c.send({ t: "sub", id: 2, name: "diagnostics.echo", input: { produce: { bytes: 200 * MiB, chunk: 64 * 1024, pausable: false } } });
    await expect.poll(() => runningProducers()).toBe(1);
    c.ws.close();
    await expect.poll(() => runningProducers(), { timeout: 10_000 }).toBe(0);
  });
});

describe("a bad frame", () => {
  it("closes only its own socket (1009 for one too large, 1007 for one that is not a message), says so in one line, and main serves on", async () => {
    const other = webSocketClient();
    const big = await rawClient();
    big.ws.send(Buffer.alloc(20 * MiB, 0x61));
    expect(await closed(big.ws)).toBe(1009);

    const garbage = await rawClient();
    garbage.ws.send("{this is not json");
    expect(await closed(garbage.ws)).toBe(1007);

    const badBinary = await rawClient();
    badBinary.ws.send(Buffer.from([0, 0, 0, 99, 1, 2]));
    expect(await closed(badBinary.ws)).toBe(1007);

    const notUtf8 = await rawClient();
    notUtf8.ws.send(Buffer.from([0x7b, 0xff, 0x7d]), { binary: false });
    expect(await closed(notUtf8.ws)).toBe(1007);

    expect(logged.filter((l) => /Max payload size exceeded/.test(l))).toHaveLength(1);
    expect(logged.some((l) => /refused a malformed frame: not JSON/.test(l))).toBe(true);
    expect(logged.every((l) => !l.includes("\n"))).toBe(true);
    // The other socket still works.
    expect(await other.call("settings.get", {})).toMatchObject({ theme: "system" });
  });

  it("over IPC, refuses a frame that is neither text nor bytes without throwing, and serves on", async () => {
    const got: string[] = [];
    const session = createSession(app.router, { send: (f) => got.push(typeof f === "string" ? f : "bytes") });
    expect(session.receive({ t: "call", id: 1, name: "settings.get", input: {} })).toBe("malformed");
    expect(session.receive(undefined)).toBe("malformed");
    expect(session.receive(new Uint8Array([0, 0, 0, 9, 1]))).toBe("malformed");
    expect(logged.some((l) => /refused a malformed frame: a frame of type object/.test(l))).toBe(true);
    expect(session.receive(JSON.stringify({ t: "call", id: 2, name: "settings.get", input: {} }))).toBe("ok");
    await expect.poll(() => got.length).toBe(1);
    expect(JSON.parse(got[0])).toMatchObject({ t: "result", id: 2, ok: true });
    session.close();
  });

  it("answers a message that does not fit with Invalid where it carries an id, and keeps the socket open", async () => {
    const c = await rawClient();
    c.send({ t: "launch", id: 41 });
    c.send(42);
    c.send({ t: "call", id: 43, name: "fs.readFile", input: { path: "/etc/passwd" } });
    c.send({ t: "input", id: 999, input: {} });
    c.send({ t: "call", id: 44, name: "settings.get", input: {} });
    await expect.poll(() => c.messages.find((m) => m.id === 44)).toMatchObject({ t: "result", ok: true });
    expect(c.messages.find((m) => m.id === 41)).toMatchObject({ ok: false, error: { code: "Invalid", message: 'unknown message type "launch"' } });
    expect(c.messages.find((m) => m.id === 43)).toMatchObject({ ok: false, error: { code: "Invalid" } });
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });
});
