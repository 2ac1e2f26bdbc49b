// The session's flow control as logic, with small limits and a router whose streams are
// written by the test: what is sent ahead of acknowledgements, what is skipped and counted,
// a source that ignores backpressure, and one busy stream beside a quiet one.
import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../../src-shared/api/contract.ts";
import { decodeFrame, frameSize, type Frame } from "../../src-shared/api/wire.ts";
import type { Router } from "./router.ts";
import { createSession } from "./session.ts";
import type { StreamSink } from "./stream-sink.ts";

const limits = { window: 1000, highWater: 2000, skipAbove: 4000, failAbove: 8000, socketHighWater: 1 << 30 };

function setup() {
  const sinks = new Map<string, StreamSink<unknown, unknown>>();
  const stopped: string[] = [];
  const router: Router = {
    call: async () => ({ ok: true, value: null }),
    subscribe: (name, _args, sink) => {
      sinks.set(String(name), sink);
      return { stop: () => void stopped.push(String(name)), input: () => {} };
    },
  };
  const sent: { m: ServerMessage; size: number }[] = [];
  const logged: string[] = [];
  const session = createSession(
    router,
    { send: (f: Frame) => void sent.push({ m: decodeFrame(f) as ServerMessage, size: frameSize(f) }) },
    { limits, log: (l) => logged.push(l) },
  );
  const sub = (id: number, name: string) => session.receive(JSON.stringify({ t: "sub", id, name, input: {} }));
  const ack = (id: number) => {
    const bytes = sent.filter((s) => s.m.id === id).reduce((n, s) => n + s.size, 0);
    session.receive(JSON.stringify({ t: "ack", id, bytes }));
  };
  return { sinks, stopped, sent, logged, session, sub, ack };
}

const event = (n: number) => ({ n, pad: "x".repeat(90) }); // about 120 bytes as a frame

describe("a session's flow control", () => {
  it("sends a window ahead of the acknowledgements, and says when a source should pause", () => {
    const t = setup();
    t.sub(1, "a");
    const sink = t.sinks.get("a")!;
    const answers = Array.from({ length: 30 }, (_, i) => sink.write(event(i)));
    const sentBytes = t.sent.reduce((n, s) => n + s.size, 0);
    expect(sentBytes).toBeLessThanOrEqual(limits.window);
    expect(sentBytes).toBeGreaterThan(limits.window - 130);
    // Pause once pending (sent + queued) reaches the high-water mark.
    expect(answers.indexOf(false)).toBeGreaterThan(10);
    expect(answers.indexOf(false)).toBeLessThan(20);
    let drained = 0;
    sink.onDrain(() => drained++);
    // Acknowledged as it arrives, everything gets through, in order, and the source hears
    // "go on" once, when the queue has gone below half the high-water mark.
    while (t.sent.length < 30) t.ack(1);
    expect(drained).toBe(1);
    expect(t.sent.map((s) => (s.m as { event: { n: number } }).event.n)).toEqual([...Array(30).keys()]);
  });

  it("skips what does not fit for a source that cannot pause, and tells the reader how much before the next event", () => {
    const t = setup();
    t.sub(1, "a");
    const sink = t.sinks.get("a")!;
    for (let i = 0; i < 100; i++) sink.offer(event(i), 3);
    // Drain everything the reader is sent, then one more event.
    for (let i = 0; i < 50; i++) t.ack(1);
    sink.offer(event(100));
    for (let i = 0; i < 5; i++) t.ack(1);
    const kinds = t.sent.map((s) => s.m.t);
    const delivered = t.sent.filter((s) => s.m.t === "event" && (s.m.event as { n: number }).n < 100).length;
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThan(50);
    const skipped = t.sent.find((s) => s.m.t === "skipped")!.m as { count: number };
    expect(skipped.count).toBe((100 - delivered) * 3);
    expect(kinds.indexOf("skipped")).toBeLessThan(kinds.lastIndexOf("event"));
    expect((t.sent.at(-1)!.m as { event: { n: number } }).event.n).toBe(100);
  });

  it("fails a source that ignores backpressure before main's memory grows, dropping what it queued", () => {
    const t = setup();
    t.sub(1, "a");
    const sink = t.sinks.get("a")!;
    for (let i = 0; i < 200; i++) sink.write(event(i));
    expect(t.stopped).toEqual(["a"]);
    expect(sink.write(event(999))).toBe(false);
    // What was queued went with the failure: once the window frees, the failure comes next.
    const sentBefore = t.sent.length;
    t.ack(1);
    expect(t.sent.length).toBe(sentBefore + 1);
    const end = t.sent.at(-1)!.m as { t: string; error: { message: string } };
    expect(end.t).toBe("end");
    expect(end.error.message).toMatch(/fell too far behind/);
  });

  it("keeps a quiet stream moving beside a busy one", () => {
    const t = setup();
    t.sub(1, "busy");
    t.sub(2, "quiet");
    for (let i = 0; i < 30; i++) t.sinks.get("busy")!.write(event(i));
    t.sinks.get("quiet")!.write({ hello: true });
    expect(t.sent.some((s) => s.m.id === 2)).toBe(true);
  });

  it("ends a stream after what it queued, stops its source once, and ignores acknowledgements after", () => {
    const t = setup();
    t.sub(1, "a");
    const sink = t.sinks.get("a")!;
    for (let i = 0; i < 12; i++) sink.write(event(i));
    sink.end({ code: 7 });
    sink.end({ code: 8 });
    expect(t.stopped).toEqual(["a"]);
    while (!t.sent.some((s) => s.m.t === "end")) t.ack(1);
    expect(t.sent.filter((s) => s.m.t === "event")).toHaveLength(12);
    expect(t.sent.at(-1)!.m).toEqual({ t: "end", id: 1, result: { code: 7 } });
    t.ack(1);
    t.session.close();
    expect(t.stopped).toEqual(["a"]);
  });
});
