import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DraftStore } from "./drafts.ts";
import type { Sealer } from "./sealer.ts";

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), "kubedeck-drafts-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const base = { context: "c", mode: "apply" as const, title: "New ConfigMap" };
const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n";
const secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n";
// Pure logic stands in for the OS keychain: what matters is that no clear text reaches the file.
const rot13: Sealer = {
  seal: (t) => Buffer.from(t.replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 84) % 26) + (c < "a" ? 65 : 97)))),
  open: (b) => b.toString().replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 84) % 26) + (c < "a" ? 65 : 97))),
};
const filesText = (dir: string) =>
  readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");

describe("drafts", () => {
  it("keeps a draft on disk until discarded, updated in place, newest first", () => {
    const dir = folder();
    const store = new DraftStore(dir);
    const first = store.save({ ...base, text: configMap });
    expect(first).toMatchObject({ kept: "disk", size: configMap.length });
    const second = store.save({ ...base, title: "Edit b", text: "kind: Pod\n" });
    store.save({ ...base, id: first.id, text: `${configMap}  x: y\n` });
    // A new store (a restarted app) finds them.
    const again = new DraftStore(dir);
    expect(again.list().map((d) => d.id)).toEqual([first.id, second.id]);
    expect(again.get(first.id).text).toContain("x: y");
    again.discard(first.id);
    expect(again.list().map((d) => d.id)).toEqual([second.id]);
    expect(() => again.get(first.id)).toThrow(/gone/);
  });

  it("never writes a Secret's draft in clear: sealed with a keychain, else in memory for the session", () => {
    const plain = folder();
    const noKeychain = new DraftStore(plain);
    const s = noKeychain.save({ ...base, text: configMap });
    // The same draft becoming a Secret leaves the disk.
    expect(noKeychain.save({ ...base, id: s.id, text: secret })).toMatchObject({ kept: "memory" });
    expect(readdirSync(plain)).toEqual([]);
    expect(noKeychain.get(s.id).text).toBe(secret);
    expect(noKeychain.list().map((d) => [d.id, d.kept])).toEqual([[s.id, "memory"]]);
    expect(new DraftStore(plain).list()).toEqual([]);

    const sealedDir = folder();
    const keychain = new DraftStore(sealedDir, rot13);
    const sealed = keychain.save({ ...base, text: secret });
    expect(sealed.kept).toBe("sealed");
    expect(filesText(sealedDir)).not.toMatch(/hunter2|aHVudGVyMg/);
    expect(new DraftStore(sealedDir, rot13).get(sealed.id).text).toBe(secret);
  });

  it("sets aside a file it cannot read instead of failing or overwriting it, and refuses ids that are not its own", () => {
    const dir = folder();
    const id = "0b9c1f7e-3a52-4a8e-9c1d-2f4e6a8b0c1d";
    writeFileSync(join(dir, `${id}.json`), "{ not json");
    const store = new DraftStore(dir);
    expect(store.list()).toEqual([]);
    expect(store.problems[0]).toMatch(/could not be read/);
    expect(readdirSync(dir)[0]).toMatch(/\.unreadable-\d+$/);
    expect(() => store.get("../settings")).toThrow(/no draft/);
  });
});
