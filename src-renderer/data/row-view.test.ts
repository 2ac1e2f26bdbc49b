import { describe, expect, it } from "vitest";
import type { ResourceRow } from "../../src-shared/api/types.ts";
import { changedRows, nextView, sortKey, viewRows, type View, type ViewOptions } from "./row-view.ts";

const row = (name: string, cells: string[], namespace = "demo", times?: Record<number, number>): ResourceRow => ({
  key: `${namespace}/${name}`,
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
    // What is typed is found as it is: not as a pattern, and never across two cells.
    expect(viewRows(rows, { filter: "12 (1m" }).map((r) => r.name)).toEqual(["web-9"]);
    expect(viewRows(rows, { filter: "web-1." })).toHaveLength(0);
    expect(viewRows(rows, { filter: "1/1running" })).toHaveLength(0);
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

  it("breaks ties by namespace and name, whether the rows come in that order or not", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    // Few distinct values, so that most comparisons are ties; ages as numbers, phases as text.
    const many = Array.from({ length: 400 }, (_, i) =>
      row(`p-${i}`, ["1/1", ["Running", "Pending", "<none>"][Math.floor(random() * 3)], String(Math.floor(random() * 3))], `ns-${i % 7}`, {
        4: 1000 * Math.floor(random() * 4),
      }),
    );
    const inKeyOrder = [...many].sort((a, b) => (a.key < b.key ? -1 : 1));
    const reference = (rows: ResourceRow[], column: number, desc: boolean) =>
      [...rows].sort((a, b) => {
        const [x, y] = [a, b].map((r) => sortKey(r.cells[column], r.times?.[column]));
        const byKey = typeof x !== typeof y ? (typeof x === "number" ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0;
        return (desc ? -byKey : byKey) || (a.key < b.key ? -1 : 1);
      });
    for (const rows of [inKeyOrder, many])
      for (const column of [2, 3, 4])
        for (const desc of [false, true])
          expect(viewRows(rows, { filter: "", sortColumn: column, desc }).map((r) => r.key)).toEqual(reference(rows, column, desc).map((r) => r.key));
  });

  it("leaves the rows it was given alone", () => {
    const copy = [...rows];
    viewRows(rows, { filter: "", sortColumn: 0, desc: true });
    expect(rows).toEqual(copy);
  });
});

describe("nextView", () => {
  // A small deterministic generator, so a failure replays the same batches.
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const phases = ["Running", "Pending", "CrashLoopBackOff", "Completed"];
  const pod = (i: number) => row(`pod-${i}`, ["1/1", pick(phases), String(Math.floor(random() * 4))], `ns-${i % 5}`, { 4: 1000 * Math.floor(random() * 20) });

  /** Batches as the rows stream makes them: a Map updated in place, published as its values. */
  function* batches(count: number) {
    const map = new Map<string, ResourceRow>();
    let next = 0;
    for (; next < 300; next++) map.set(pod(next).key, pod(next));
    yield [...map.values()];
    for (let b = 0; b < count; b++) {
      const keys = [...map.keys()];
      for (let n = Math.floor(random() * 12); n > 0; n--) {
        const r = random();
        if (r < 0.6) {
          const key = pick(keys);
          const i = Number(key.split("-").pop());
          map.set(key, { ...pod(i), key, name: `pod-${i}`, namespace: key.split("/")[0] });
        } else if (r < 0.8) map.delete(pick(keys));
        else map.set(pod(next).key, pod(next++));
      }
      yield [...map.values()];
    }
  }

  const cases: ViewOptions[] = [
    { filter: "", sortColumn: 4 },
    { filter: "", sortColumn: 4, desc: true },
    { filter: "", sortColumn: 2 },
    { filter: "crash", sortColumn: 0, desc: true },
    { filter: "", sortColumn: -1, where: (r) => r.cells[3] !== "0" },
    { filter: "running" },
  ];

  it.each(cases.map((o, i) => [i, o] as const))("matches a full sort batch after batch (case %i)", (_, options) => {
    let view: View | undefined;
    for (const rows of batches(200)) {
      view = nextView(view, rows, options);
      expect(view.shown).toEqual(viewRows(rows, options));
    }
  });

  it("keeps the view itself when a batch changes none of its rows", () => {
    const rows = [row("a", ["1/1", "Running"]), row("b", ["0/1", "Pending"])];
    const options = { filter: "running", sortColumn: 0 };
    const first = nextView(undefined, rows, options);
    const pending = row("b", ["0/1", "ContainerCreating"]);
    expect(nextView(first, [rows[0], pending], options).shown).toBe(first.shown);
    expect(nextView(first, [rows[0], row("a", ["1/1", "Running"])], options).shown).not.toBe(first.shown);
  });

  it("builds on the last view for a small batch, and sorts again for a large one", () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(`p${String(i).padStart(3, "0")}`, ["x"]));
    const options = { filter: "", sortColumn: 0 };
    const first = nextView(undefined, rows, options);
    // A row only the last view has, sorted first: kept when the view is built on, gone when sorted again.
    const marked: View = { ...first, shown: [row("a-marker", ["x"]), ...first.shown] };
    const few = rows.map((r, i) => (i % 50 ? r : { ...r, cells: [r.name, "y"] }));
    expect(nextView(marked, few, options).shown[0].name).toBe("a-marker");
    const many = rows.map((r) => ({ ...r, cells: [r.name, "y"] }));
    expect(nextView(marked, many, options).shown[0].name).toBe("p000");
  });

  it("sorts again when the options change, and ties by namespace and name whichever the direction", () => {
    const rows = [row("b", ["x"], "one"), row("a", ["x"], "two"), row("a", ["x"], "one")];
    const asc = nextView(undefined, rows, { filter: "", sortColumn: 1 });
    expect(asc.shown.map((r) => r.key)).toEqual(["one/a", "one/b", "two/a"]);
    expect(nextView(asc, rows, { filter: "", sortColumn: 1, desc: true }).shown.map((r) => r.key)).toEqual(["one/a", "one/b", "two/a"]);
  });
});

describe("changedRows", () => {
  const [a, b, c, d] = ["a", "b", "c", "d"].map((n) => row(n, []));
  it("finds updated, deleted and added rows in one walk", () => {
    const b2 = row("b", ["new"]);
    expect(changedRows([a, b, c], [a, b2, c, d], 10)).toEqual({ removed: [b], added: [b2, d] });
    expect(changedRows([a, b, c], [b, c], 10)).toEqual({ removed: [a], added: [] });
  });

  it("gives up past its limit, and on rows inserted mid-list counts the rest as changed", () => {
    expect(changedRows([a, b, c], [d, a, b, c], 2)).toBeNull();
    expect(changedRows([a, c], [a, b, c], 10)).toEqual({ removed: [c], added: [b, c] });
  });
});
