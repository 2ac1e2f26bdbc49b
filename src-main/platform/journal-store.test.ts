import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { JournalStore } from "./journal-store.ts";

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), "kubedeck-journal-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const ref = (name: string) => ({ context: "c", group: "", version: "v1", resource: "configmaps", namespace: "n", name });
const cm = (name: string, v: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, resourceVersion: v }, data: { v } });

/** One change of one object, settled. */
function change(store: JournalStore, name: string, change: "changed" | "failed" = "changed") {
  const id = store.begin({ context: "c", who: "me", what: "apply" });
  const i = store.addObject("c", id, { ref: ref(name), path: `/api/v1/namespaces/n/configmaps/${name}`, kind: "ConfigMap", before: cm(name, "1") });
  store.setAfter("c", id, i, change, change === "changed" ? cm(name, "2") : undefined);
  store.finish("c", id);
  return id;
}

describe("journal store", () => {
  it("keeps the newest entries within its bounds, and drops a change that changed nothing", () => {
    const dir = folder();
    const store = new JournalStore(dir, undefined, { entries: 3, bytes: 1 << 20 });
    const ids = ["a", "b", "c", "d"].map((n) => change(store, n));
    change(store, "e", "failed");
    expect(store.list("c").map((e) => e.id)).toEqual(ids.slice(1).reverse());
    const again = new JournalStore(dir);
    expect(again.list("c").map((e) => e.id)).toEqual(ids.slice(1).reverse());
    expect(again.read("c", ids[3]).objects[0].versions).toEqual({ before: cm("d", "1"), after: cm("d", "2") });

    // A byte bound: each entry is a few hundred bytes, so one kilobyte holds only the newest few.
    const small = new JournalStore(folder(), undefined, { entries: 500, bytes: 1024 });
    for (let n = 0; n < 20; n++) change(small, `x${n}`);
    const kept = small.list("c");
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(6);
    expect(kept[0].objects[0].ref.name).toBe("x19");
  });

  it("reads an entry torn by a crash up to the torn line, and sets an unreadable file aside", () => {
    const dir = folder();
    const store = new JournalStore(dir);
    const id = store.begin({ context: "c", who: "me", what: "delete" });
    store.addObject("c", id, { ref: ref("t"), path: "/api/v1/namespaces/n/configmaps/t", kind: "ConfigMap", before: cm("t", "1") });
    const sub = readdirSync(dir)[0];
    const [file] = readdirSync(join(dir, sub));
    appendFileSync(join(dir, sub, file), '{"t":"after","i":0,"cha');
    writeFileSync(join(dir, sub, "2020-01-01-broken.jsonl"), "not json\n{}\n");
    const again = new JournalStore(dir);
    const [entry] = again.list("c");
    expect(entry.objects).toEqual([{ ref: ref("t"), kind: "ConfigMap", change: "pending", kept: "disk" }]);
    expect(again.problems).toEqual([expect.stringContaining("2020-01-01-broken.jsonl could not be read (line 1 is not JSON)")]);
    expect(readdirSync(join(dir, sub)).some((f) => f.startsWith("2020-01-01-broken.jsonl.unreadable-"))).toBe(true);
    expect(() => again.read("c", "00000000-0000-0000-0000-000000000000")).toThrow(/no longer in c's journal/);
  });
});
