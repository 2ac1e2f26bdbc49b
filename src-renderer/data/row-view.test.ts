import { describe, expect, it } from "vitest";
import type { ResourceRow } from "../../src-shared/api/types.ts";
import { sortKey, viewRows } from "./row-view.ts";

const row = (name: string, cells: string[], namespace = "demo", times?: Record<number, number>): ResourceRow => ({
  key: `${namespace}/${name}`,
  uid: name,
  name,
  namespace,
  cells: [name, ...cells],
  times,
});

describe("sortKey", () => {
  it("reads numbers the way people do", () => {
    expect(sortKey("10")).toBe(10);
    expect(sortKey("2/3")).toBe(2);
    expect(sortKey("5 (3m ago)")).toBe(5);
    expect(sortKey("50%")).toBe(50);
    expect(sortKey("10.0.0.1")).not.toBe(10);
    expect((sortKey("node-9") as string) < (sortKey("node-10") as string)).toBe(true);
    expect(sortKey("<none>")).toBe("\uffff");
  });

  it("sorts times newest first when ascending by age", () => {
    expect(sortKey("5m", 1000) < sortKey("1m", 2000)).toBe(false);
  });
});

describe("viewRows", () => {
  const rows = [
    row("web-10", ["1/1", "Running", "0"], "demo", { 4: 3000 }),
    row("web-9", ["0/1", "CrashLoopBackOff", "12 (1m ago)"], "demo", { 4: 1000 }),
    row("db-0", ["1/1", "Running", "2"], "shop", { 4: 2000 }),
  ];

  it("filters on any cell and the namespace, ignoring case", () => {
    expect(viewRows(rows, { filter: "crash" }).map((r) => r.name)).toEqual(["web-9"]);
    expect(viewRows(rows, { filter: "SHOP" }).map((r) => r.name)).toEqual(["db-0"]);
    expect(viewRows(rows, { filter: "" })).toHaveLength(3);
  });

  it("sorts by name with numbers in order, and by restarts as numbers", () => {
    expect(viewRows(rows, { filter: "", sortColumn: 0 }).map((r) => r.name)).toEqual(["db-0", "web-9", "web-10"]);
    expect(viewRows(rows, { filter: "", sortColumn: 3, desc: true }).map((r) => r.name)).toEqual(["web-9", "db-0", "web-10"]);
  });

  it("sorts an age column by time, not by its text", () => {
    expect(viewRows(rows, { filter: "", sortColumn: 4 }).map((r) => r.name)).toEqual(["web-10", "db-0", "web-9"]);
  });

  it("sorts by namespace and applies extra conditions", () => {
    expect(viewRows(rows, { filter: "", sortColumn: -1, desc: true })[0].name).toBe("db-0");
    expect(viewRows(rows, { filter: "", where: (r) => r.cells[2] === "Running" })).toHaveLength(2);
  });

  it("leaves the rows it was given alone", () => {
    const copy = [...rows];
    viewRows(rows, { filter: "", sortColumn: 0, desc: true });
    expect(rows).toEqual(copy);
  });
});
