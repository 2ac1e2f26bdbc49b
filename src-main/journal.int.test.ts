// The change journal against the practice cluster (DESIGN §4.1, §5): every change records
// the previous versions first, Revert puts them back (recreating what was deleted), a later
// change is never overwritten, and a Secret's values never reach the journal's files in clear.
// Also: delete by file, and revealing a Secret's values (the viewer may not).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBinaries } from "../e2e/sandbox/build.ts";
import { run } from "../e2e/sandbox/run.ts";
import type { ObjectRef } from "../src-shared/api/refs.ts";
import { createApp, type App } from "./index.ts";
import type { Sealer } from "./platform/sealer.ts";

const dirs: string[] = [];
const ns = `kd-journal-${Date.now().toString(36)}`;
const ctx = "sandbox-admin";
const apps: App[] = [];

async function kubectl(args: string[], input?: string): Promise<string> {
  const bins = await ensureBinaries(() => {});
  return run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args], { input });
}

/** An app as a restart would find it: the same settings folder. */
async function start(dir: string, sealer?: Sealer): Promise<App> {
  const app = createApp({ userDataDir: dir, env: { ...process.env, KUBECONFIG: inject("kubeconfig") }, sealer });
  apps.push(app);
  await app.services.connections.connect(ctx);
  return app;
}

function folder() {
  const d = mkdtempSync(join(tmpdir(), "kubedeck-journal-"));
  dirs.push(d);
  return d;
}

/** Every file under the journal folder, as text. */
function journalFiles(dir: string): string {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [readFileSync(join(d, f), "utf8")]));
  return walk(join(dir, "journal")).join("\n");
}

// Pure logic stands in for the OS keychain: what matters is that no clear text reaches the file.
const xor: Sealer = {
  seal: (t) => Buffer.from(Buffer.from(t).map((b) => b ^ 0x5a)),
  open: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
};

const cm = (name: string, data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns }, data });
const cmRef = (name: string): ObjectRef => ({ context: ctx, group: "", version: "v1", resource: "configmaps", namespace: ns, name });
const getData = async (name: string) => JSON.parse(await kubectl(["get", "configmap", name, "-n", ns, "-o", "jsonpath={.data}"]));
const exists = async (kind: string, name: string) =>
  (await kubectl(["get", kind, "-n", ns, "--ignore-not-found", "-o", "name"])).split("\n").includes(`${kind}/${name}`);

beforeAll(async () => {
  await kubectl(["create", "namespace", ns]);
});

afterAll(async () => {
  for (const app of apps) app.close();
  await kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("change journal", () => {
  it("records an apply with who, what and when, and Revert deletes what it created", async () => {
    const dir = folder();
    const app = await start(dir);
    const outcomes = await app.services.apply.apply({
      context: ctx,
      mode: "create",
      dryRun: false,
      force: false,
      documents: [cm("j-one", { a: "1" }), cm("j-two", { b: "2" })],
    });
    expect(outcomes.map((o) => o.ok && o.status)).toEqual(["created", "created"]);
    const id = outcomes[0].ok ? outcomes[0].journal : undefined;
    expect(id).toBeTruthy();
    // A dry run changes nothing and records nothing.
    await app.services.apply.apply({ context: ctx, mode: "apply", dryRun: true, force: false, documents: [cm("j-one", { a: "9" })] });
    const [entry] = app.services.journal.list(ctx);
    expect(entry).toMatchObject({ id, context: ctx, who: "sandbox-admin", what: "create" });
    expect(entry.objects.map((o) => [o.ref.name, o.change, o.kept])).toEqual([
      ["j-one", "created", "disk"],
      ["j-two", "created", "disk"],
    ]);
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(10 * 60_000);
    const shown = app.services.journal.get(ctx, id!);
    expect(shown.objects[0].before).toBeUndefined();
    expect(shown.objects[0].after).toMatchObject({ data: { a: "1" } });
    expect(shown.objects[0].after?.metadata?.resourceVersion).toBeUndefined();

    const reverted = await app.services.journal.revert(ctx, id!);
    expect(reverted.outcomes.map((o) => [o.ref.name, o.ok && o.change])).toEqual([
      ["j-one", "deleted"],
      ["j-two", "deleted"],
    ]);
    expect(await exists("configmap", "j-one")).toBe(false);
    expect(await exists("configmap", "j-two")).toBe(false);
    // The revert is a change too, marked on the one it reverted; reverting twice is refused.
    const [revert, original] = app.services.journal.list(ctx);
    expect(revert).toMatchObject({ id: reverted.journal, what: "revert", revertOf: id });
    expect(original.revertedBy).toBe(reverted.journal);
    await expect(app.services.journal.revert(ctx, id!)).rejects.toMatchObject({ code: "Conflict" });
    // And an app started again on the same folder finds it all.
    const again = await start(dir);
    expect(again.services.journal.list(ctx).map((e) => e.id)).toEqual([reverted.journal, id]);
  });

  it("recreates a deleted object without its server-set fields, and undoes an edit", async () => {
    const app = await start(folder());
    await kubectl(["apply", "-f", "-"], JSON.stringify(cm("j-del", { keep: "me" })));
    const uid = await kubectl(["get", "configmap", "j-del", "-n", ns, "-o", "jsonpath={.metadata.uid}"]);
    const [deleted] = await app.services.actions.run("delete", {}, [cmRef("j-del")]);
    expect(deleted).toMatchObject({ ok: true, journal: expect.any(String) });
    expect(await exists("configmap", "j-del")).toBe(false);
    const back = await app.services.journal.revert(ctx, (deleted as { journal: string }).journal);
    expect(back.outcomes).toEqual([{ ref: cmRef("j-del"), ok: true, change: "created" }]);
    expect(await getData("j-del")).toEqual({ keep: "me" });
    expect(await kubectl(["get", "configmap", "j-del", "-n", ns, "-o", "jsonpath={.metadata.uid}"])).not.toBe(uid);

    // An edit saved from the editor, then undone.
    const [edited] = await app.services.apply.apply({
      context: ctx,
      mode: "replace",
      dryRun: false,
      force: false,
      documents: [cm("j-del", { keep: "changed" })],
    });
    expect(await getData("j-del")).toEqual({ keep: "changed" });
    const undone = await app.services.journal.revert(ctx, (edited as { journal: string }).journal);
    expect(undone.outcomes).toMatchObject([{ ok: true, change: "changed" }]);
    expect(await getData("j-del")).toEqual({ keep: "me" });
  });

  it("does not overwrite a later change: that object is a conflict, the others are reverted", async () => {
    const app = await start(folder());
    await kubectl(["apply", "-f", "-"], JSON.stringify({ kind: "List", apiVersion: "v1", items: [cm("j-a", { v: "1" }), cm("j-b", { v: "1" })] }));
    const outcomes = await app.services.apply.apply({
      context: ctx,
      mode: "apply",
      dryRun: false,
      force: true,
      documents: [cm("j-a", { v: "2" }), cm("j-b", { v: "2" })],
    });
    const id = (outcomes[0] as { journal: string }).journal;
    // Someone changes j-b with kubectl after Kubedeck did.
    await kubectl(["patch", "configmap", "j-b", "-n", ns, "--type=merge", "-p", '{"data":{"v":"kubectl"}}']);
    const result = await app.services.journal.revert(ctx, id);
    expect(result.outcomes[0]).toMatchObject({ ok: true, change: "changed" });
    expect(result.outcomes[1]).toMatchObject({ ok: false, error: { code: "Conflict", message: expect.stringContaining("kubectl") } });
    expect(await getData("j-a")).toEqual({ v: "1" });
    expect(await getData("j-b")).toEqual({ v: "kubectl" });
  });

  it("keeps a Secret's versions out of the files: in memory without a keychain, sealed with one", async () => {
    await kubectl(["create", "secret", "generic", "j-secret", "-n", ns, "--from-literal=password=hunter2-value"]);
    const ref: ObjectRef = { context: ctx, group: "", version: "v1", resource: "secrets", namespace: ns, name: "j-secret" };
    const b64 = Buffer.from("hunter2-value").toString("base64");
    const newB64 = Buffer.from("changed-value").toString("base64");
    const values = new RegExp(["hunter2-value", b64, "changed-value", newB64].join("|"));

    // No keychain (serve mode): the journal says "memory", the files hold no value, and Revert works in this session.
    const plainDir = folder();
    const plain = await start(plainDir);
    const [edited] = await plain.services.apply.apply({
      context: ctx,
      mode: "apply",
      dryRun: false,
      force: true,
      documents: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "j-secret", namespace: ns }, stringData: { password: "changed-value" } }],
    });
    const id = (edited as { journal: string }).journal;
    expect(plain.services.journal.list(ctx)[0].objects[0]).toMatchObject({ ref, kept: "memory", change: "changed" });
    expect(journalFiles(plainDir)).not.toMatch(values);
    expect(JSON.stringify(plain.services.journal.get(ctx, id))).not.toMatch(values);
    await plain.services.journal.revert(ctx, id);
    expect(await kubectl(["get", "secret", "j-secret", "-n", ns, "-o", "jsonpath={.data.password}"])).toBe(b64);
    expect(journalFiles(plainDir)).not.toMatch(values);
    // Restarted, the session that held them is gone: the entry stays, its versions do not.
    const restarted = await start(plainDir);
    expect(restarted.services.journal.list(ctx).find((e) => e.id === id)?.objects[0].kept).toBe("gone");

    // With a keychain: sealed on disk, still revertible after a restart.
    const sealedDir = folder();
    const sealed = await start(sealedDir, xor);
    const [deleted] = await sealed.services.actions.run("delete", {}, [ref]);
    const deleteId = (deleted as { journal: string }).journal;
    expect(journalFiles(sealedDir)).not.toMatch(values);
    const reopened = await start(sealedDir, xor);
    expect(reopened.services.journal.list(ctx)[0].objects[0].kept).toBe("sealed");
    await reopened.services.journal.revert(ctx, deleteId);
    expect(await kubectl(["get", "secret", "j-secret", "-n", ns, "-o", "jsonpath={.data.password}"])).toBe(b64);
  });
});

describe("delete by file", () => {
  it("lists what a dry run would delete, deletes it for real, and says which objects were not there", async () => {
    const app = await start(folder());
    await kubectl(["apply", "-f", "-"], JSON.stringify({ kind: "List", apiVersion: "v1", items: [cm("d-one", { x: "1" }), cm("d-two", { x: "2" })] }));
    const documents = [cm("d-one", {}), cm("d-two", {}), cm("d-missing", {})];
    const dry = await app.services.apply.apply({ context: ctx, mode: "delete", dryRun: true, force: false, documents });
    expect(dry.map((o) => (o.ok ? o.status : o.error.code))).toEqual(["deleted", "deleted", "NotFound"]);
    expect(await exists("configmap", "d-one")).toBe(true);
    const done = await app.services.apply.apply({ context: ctx, mode: "delete", dryRun: false, force: false, documents });
    expect(done.map((o) => (o.ok ? o.status : o.error.message))).toEqual(["deleted", "deleted", `deleting ConfigMap ${ns}/d-missing: not found (404)`]);
    expect(await exists("configmap", "d-one")).toBe(false);
    expect(await exists("configmap", "d-two")).toBe(false);
    // One Undo brings both back.
    await app.services.journal.revert(ctx, (done[0] as { journal: string }).journal);
    expect(await getData("d-two")).toEqual({ x: "2" });
  });
});

describe("revealing a Secret", () => {
  it("gives the values kubectl decodes (binary said as such), and the viewer is refused", async () => {
    const app = await start(folder());
    await kubectl(["create", "secret", "generic", "r-secret", "-n", ns, "--from-literal=user=admin", "--from-literal=note=多行\nsecond"]);
    await kubectl([
      "patch",
      "secret",
      "r-secret",
      "-n",
      ns,
      "--type=merge",
      "-p",
      JSON.stringify({ data: { blob: Buffer.from([0x1f, 0x8b, 0, 0xff]).toString("base64") } }),
    ]);
    const ref: ObjectRef = { context: ctx, group: "", version: "v1", resource: "secrets", namespace: ns, name: "r-secret" };
    const values = await app.services.resources.reveal(ref);
    const decoded = Buffer.from(await kubectl(["get", "secret", "r-secret", "-n", ns, "-o", "jsonpath={.data.note}"]), "base64").toString();
    expect(Object.fromEntries(values.map((v) => [v.key, v.text ?? `binary ${v.bytes}`]))).toEqual({ user: "admin", note: decoded, blob: "binary 4" });
    expect(await app.services.resources.reveal(ref, ["user"])).toEqual([expect.objectContaining({ key: "user", text: "admin" })]);
    await expect(app.services.resources.reveal(ref, ["nope"])).rejects.toMatchObject({ code: "NotFound" });
    await app.services.connections.connect("sandbox-viewer");
    await expect(app.services.resources.reveal({ ...ref, context: "sandbox-viewer" })).rejects.toMatchObject({ code: "Forbidden" });
  });
});
