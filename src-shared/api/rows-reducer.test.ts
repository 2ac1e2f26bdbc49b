import { describe, expect, it } from "vitest";
import { applyRowsEvent } from "./rows-reducer.ts";
import type { ResourceRow } from "./types.ts";

const row = (name: string, status = "Running"): ResourceRow => ({ key: `demo/${name}`, namespace: "demo", name, cells: [name, status] });

describe("applyRowsEvent", () => {
  it("replaces everything on a snapshot, then applies upserts and deletes", () => {
    const rows = new Map([["demo/old", row("old")]]);
    applyRowsEvent(rows, { type: "snapshot", rows: [row("a"), row("b")] });
    expect([...rows.keys()]).toEqual(["demo/a", "demo/b"]);
    applyRowsEvent(rows, { type: "changes", upserts: [row("b", "Terminating"), row("c")], deletes: ["demo/a"] });
    expect([...rows.values()].map((r) => r.cells.join(" "))).toEqual(["b Terminating", "c Running"]);
  });

  it("leaves the rows alone on a state event", () => {
    const rows = new Map([["demo/a", row("a")]]);
    applyRowsEvent(rows, { type: "state", live: false });
    expect(rows.size).toBe(1);
  });
});
