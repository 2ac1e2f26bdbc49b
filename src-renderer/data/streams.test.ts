// Streams in the query cache, with TanStack's real QueryClient: readers of one key share one
// stream, the value outlives the stream, and a list's rows come back without shrinking.
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StreamHandlers } from "../api/index.ts";
import type { ResourceRow } from "../../src-shared/api/types.ts";
import { keys } from "./keys.ts";
import { rowsStream, type Rows } from "./rows.ts";
import { acquireStream, prefetchStream, valueStream } from "./streams.ts";

const query = { context: "prod", group: "", version: "v1", resource: "pods" };
const row = (name: string, cells: string[] = [name]): ResourceRow => ({ key: `demo/${name}`, namespace: "demo", name, cells });

/** A watch the test drives: it records who subscribed and hands out their handlers. */
function fakeWatch() {
  const open: StreamHandlers<"resources.watch">[] = [];
  let stopped = 0;
  return {
    open,
    stopped: () => stopped,
    watch: (h: StreamHandlers<"resources.watch">) => {
      open.push(h);
      return { stop: () => void stopped++ };
    },
  };
}

describe("streams in the query cache", () => {
  it("share one stream between readers of a key, stop it with the last, and keep its value cached", () => {
    const client = new QueryClient();
    const w = fakeWatch();
    const key = keys.rows(query);
    const first = acquireStream(client, key, rowsStream(w.watch));
    const second = acquireStream(client, key, rowsStream(w.watch));
    expect(w.open).toHaveLength(1);
    w.open[0].onEvent({ type: "snapshot", rows: [row("a"), row("b")] });
    w.open[0].onEvent({ type: "state", live: true });
    expect(client.getQueryData<Rows>(key)).toMatchObject({ loaded: true, live: true });
    expect(client.getQueryData<Rows>(key)!.rows.map((r) => r.name)).toEqual(["a", "b"]);
    first();
    expect(w.stopped()).toBe(0);
    second();
    expect(w.stopped()).toBe(1);
    expect(client.getQueryData<Rows>(key)!.rows).toHaveLength(2);
  });

  it("shows rows page by page the first time", () => {
    const client = new QueryClient();
    const w = fakeWatch();
    const key = keys.rows(query);
    acquireStream(client, key, rowsStream(w.watch));
    w.open[0].onEvent({ type: "snapshot", rows: [row("a")] });
    expect(client.getQueryData<Rows>(key)).toMatchObject({ loaded: true, live: false, rows: [row("a")] });
    w.open[0].onEvent({ type: "changes", upserts: [row("b")], deletes: [] });
    expect(client.getQueryData<Rows>(key)!.rows).toHaveLength(2);
  });

  it("keeps the cached rows of an earlier visit until the resumed watch is live, then swaps the new list in whole", () => {
    const client = new QueryClient();
    const w = fakeWatch();
    const key = keys.rows(query);
    acquireStream(client, key, rowsStream(w.watch))();
    client.setQueryData<Rows>(key, { rows: [row("a"), row("b"), row("c")], loaded: true, live: true });
    acquireStream(client, key, rowsStream(w.watch));
    const resumed = w.open[1];
    const cached = () => client.getQueryData<Rows>(key)!;
    expect(cached()).toMatchObject({ loaded: true, live: false });
    resumed.onEvent({ type: "snapshot", rows: [row("a", ["a", "new"])] });
    resumed.onEvent({ type: "changes", upserts: [row("d")], deletes: [] });
    // Still the old three: no list shrinking to its first page and growing again.
    expect(cached().rows.map((r) => r.name)).toEqual(["a", "b", "c"]);
    resumed.onEvent({ type: "state", live: true });
    expect(cached()).toMatchObject({ live: true, loaded: true });
    expect(cached().rows.map((r) => r.cells.join())).toEqual(["a,new", "d"]);
  });

  it("keeps what it had, not live, with the error, when the watch fails", () => {
    const client = new QueryClient();
    const w = fakeWatch();
    const key = keys.rows(query);
    acquireStream(client, key, rowsStream(w.watch));
    w.open[0].onEvent({ type: "snapshot", rows: [row("a")] });
    w.open[0].onEvent({ type: "state", live: false, error: { code: "Unreachable", message: "gone" } });
    expect(client.getQueryData<Rows>(key)).toMatchObject({ rows: [row("a")], live: false, error: { code: "Unreachable" } });
  });

  it("says a list is polled while main polls it, and no longer once it is watched or down", () => {
    const client = new QueryClient();
    const w = fakeWatch();
    const key = keys.rows(query);
    acquireStream(client, key, rowsStream(w.watch));
    const polled = { everyMs: 5000, because: { code: "Forbidden" as const, message: "cannot watch" } };
    w.open[0].onEvent({ type: "snapshot", rows: [row("a")] });
    w.open[0].onEvent({ type: "state", live: true, polled });
    expect(client.getQueryData<Rows>(key)).toMatchObject({ live: true, polled });
    w.open[0].onEvent({ type: "state", live: true });
    expect(client.getQueryData<Rows>(key)?.polled).toBeUndefined();
    w.open[0].onEvent({ type: "state", live: true, polled });
    w.open[0].onEvent({ type: "state", live: false, error: { code: "Unreachable", message: "gone" } });
    expect(client.getQueryData<Rows>(key)).toMatchObject({ live: false, polled: undefined, error: { code: "Unreachable" } });
  });

  describe("a stream started ahead of its reader", () => {
    afterEach(() => void vi.useRealTimers());

    it("is taken over by the reader that comes, with what arrived meanwhile", () => {
      vi.useFakeTimers();
      const client = new QueryClient();
      const w = fakeWatch();
      const key = keys.rows(query);
      prefetchStream(client, key, rowsStream(w.watch));
      w.open[0].onEvent({ type: "snapshot", rows: [row("a")] });
      const reader = acquireStream(client, key, rowsStream(w.watch));
      expect(w.open).toHaveLength(1);
      expect(client.getQueryData<Rows>(key)!.rows.map((r) => r.name)).toEqual(["a"]);
      // The hold ended when the reader came: the reader alone keeps the stream now.
      vi.advanceTimersByTime(60_000);
      expect(w.stopped()).toBe(0);
      reader();
      expect(w.stopped()).toBe(1);
    });

    it("stops when no reader comes in time", () => {
      vi.useFakeTimers();
      const client = new QueryClient();
      const w = fakeWatch();
      prefetchStream(client, keys.rows(query), rowsStream(w.watch), 15_000);
      vi.advanceTimersByTime(14_999);
      expect(w.stopped()).toBe(0);
      vi.advanceTimersByTime(1);
      expect(w.stopped()).toBe(1);
    });

    it("is not held at all when a reader already has it", () => {
      const client = new QueryClient();
      const w = fakeWatch();
      const key = keys.rows(query);
      const reader = acquireStream(client, key, rowsStream(w.watch));
      prefetchStream(client, key, rowsStream(w.watch));
      expect(w.open).toHaveLength(1);
      reader();
      expect(w.stopped()).toBe(1);
    });
  });

  it("keeps a whole value's identity when an event says the same again, and what is unchanged when it does not", () => {
    // TanStack's replaceEqualDeep does this (valueStream): an upgrade that changed it would
    // redraw the sidebar and the list each time discovery or the namespaces are said again.
    const client = new QueryClient();
    const key = keys.discovery("prod");
    let say: (v: { resources: { name: string }[]; error?: string }) => void = () => {};
    const release = acquireStream(
      client,
      key,
      valueStream<{ resources: { name: string }[]; error?: string }>((on) => {
        say = on;
        return () => {};
      }),
    );
    const value = () => client.getQueryData<{ resources: { name: string }[]; error?: string }>(key)!;
    say({ resources: [{ name: "pods" }, { name: "services" }] });
    const first = value();
    say({ resources: [{ name: "pods" }, { name: "services" }] });
    expect(value()).toBe(first);
    say({ resources: [{ name: "pods" }, { name: "services" }], error: "discovery failed" });
    expect(value()).not.toBe(first);
    expect(value().error).toBe("discovery failed");
    expect(value().resources).toBe(first.resources);
    release();
  });
});
