import { describe, expect, it } from "vitest";
import type { StreamEvents, StreamResults } from "../../src-shared/api/contract.ts";
import type { StreamSink } from "../api/stream-sink.ts";
import { handleFor, Relay } from "./exec-handoff.ts";

type Event = StreamEvents["pods.exec"];

function recorder() {
  const events: Event[] = [];
  const ends: unknown[] = [];
  const sink: StreamSink<Event, StreamResults["pods.exec"]> = {
    write: (e) => (events.push(e), true),
    offer: (e) => (events.push(e), true),
    onDrain: () => () => {},
    end: (r) => void ends.push(r),
    fail: (e) => void ends.push(e),
    ended: false,
  };
  return { sink, events, ends };
}
const text = (events: Event[]) => events.map((e) => ("data" in e ? new TextDecoder().decode(e.data) : "")).join("");

describe("a terminal session between windows", () => {
  it("keeps what is printed while no window shows it, bounded, and hands it and the end to the next", () => {
    const a = recorder();
    const relay = new Relay(a.sink);
    relay.write({ started: ["bash"] });
    relay.write({ data: new TextEncoder().encode("one ") });
    relay.detach();
    // 1.5 MiB printed meanwhile: the oldest goes, the newest stays.
    for (let i = 0; i < 3; i++) relay.write({ data: new TextEncoder().encode(String(i).repeat(512 * 1024)) });
    relay.end({ code: 0 });
    const b = recorder();
    relay.attach(b.sink);
    expect(b.events[0]).toEqual({ started: ["bash"] });
    const shown = text(b.events);
    expect(shown.length).toBeLessThanOrEqual(1 << 20);
    expect(shown.endsWith("2".repeat(512 * 1024))).toBe(true);
    expect(shown).not.toContain("0");
    expect(b.ends).toEqual([{ code: 0 }]);
    expect(text(a.events)).toBe("one ");
  });

  it("ignores the old stream's stop and input once another has taken the session", () => {
    const a = recorder();
    const relay = new Relay(a.sink);
    let killed = 0;
    const typed: string[] = [];
    const input = (i: { data?: Uint8Array }) => void typed.push(new TextDecoder().decode(i.data));
    const first = handleFor(relay, relay.generation, () => killed++, input);
    relay.detach();
    first.stop();
    expect(killed).toBe(0);
    const second = handleFor(relay, relay.attach(recorder().sink), () => killed++, input);
    first.input({ data: new TextEncoder().encode("stale") });
    second.input({ data: new TextEncoder().encode("fresh") });
    expect(typed).toEqual(["fresh"]);
    first.stop();
    expect(killed).toBe(0);
    second.stop();
    expect(killed).toBe(1);
  });
});
