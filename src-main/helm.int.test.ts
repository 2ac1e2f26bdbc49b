// Helm releases read natively, against the practice cluster and cross-checked with the real
// helm binary: the list as `helm list` prints it, live as releases come, change and go; one
// release's values, manifest and history as `helm get` and `helm history` show them; a release
// whose storage is corrupt fails alone; and a user who may not list Secrets is told why.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBinaries } from "../e2e/sandbox/build.ts";
import { run } from "../e2e/sandbox/run.ts";
import { chartDir, helmEnv } from "../e2e/sandbox/seed.ts";
import type { StreamEvents, StreamResults } from "../src-shared/api/contract.ts";
import type { ResourceRow, ResourceRowsEvent } from "../src-shared/api/types.ts";
import type { HelmCommand } from "../src-shared/k8s/helm-commands.ts";
import { applyRowsEvent } from "../src-shared/api/rows-reducer.ts";
import type { HelmReleaseDetails } from "../src-shared/kinds/helm.ts";
import { createApp, type App } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-helm-"));
const ctx = "sandbox-admin";
const ns = `helm-int-${Date.now().toString(36)}`;
let app: App;

async function helm(...args: string[]): Promise<string> {
  const bins = await ensureBinaries(() => {});
  return run(bins.helm, args, { env: helmEnv() });
}
async function kubectl(args: string[], input?: string): Promise<string> {
  const bins = await ensureBinaries(() => {});
  return run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args], input === undefined ? {} : { input });
}

/** The releases list as the renderer keeps it, and its last state. */
function watchReleases(context: string, namespace?: string) {
  const rows = new Map<string, ResourceRow>();
  let state: Extract<ResourceRowsEvent, { type: "state" }> | undefined;
  const sub = app.services.helm.subscribe({ context, group: "helm.sh", version: "v1", resource: "releases", ...(namespace ? { namespace } : {}) }, (e) => {
    if (e.type === "state") state = e;
    else applyRowsEvent(rows, e);
  });
  return { rows, state: () => state, stop: sub.stop, cells: (key: string) => rows.get(key)?.cells };
}

beforeAll(async () => {
  // The practice cluster's helm stands for the copy an installed app brings.
  const bins = await ensureBinaries(() => {});
  app = createApp({ userDataDir: dir, env: { ...process.env, KUBECONFIG: inject("kubeconfig") }, helm: { path: bins.helm, source: "bundled" } });
  await app.services.connections.connect(ctx);
  await app.services.connections.connect("sandbox-viewer");
  await kubectl(["create", "namespace", ns]);
});

afterAll(async () => {
  app?.close();
  await kubectl(["delete", "namespace", ns, "--wait=false"]).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe("the releases list", () => {
  it("shows what helm list -A shows, column for column", async () => {
    const list = watchReleases(ctx);
    try {
      await expect.poll(() => list.state()?.live, { timeout: 30_000 }).toBe(true);
      const theirs = JSON.parse(await helm("list", "-A", "-o", "json")) as {
        name: string;
        namespace: string;
        revision: string;
        status: string;
        chart: string;
        app_version: string;
      }[];
      expect(theirs.length).toBeGreaterThan(0);
      for (const r of theirs) {
        // NAME REVISION UPDATED STATUS CHART APP VERSION
        const cells = list.cells(`${r.namespace}/${r.name}`);
        expect(cells, `${r.namespace}/${r.name}`).toBeDefined();
        expect([cells![0], cells![1], cells![3], cells![4], cells![5]]).toEqual([r.name, r.revision, r.status, r.chart, r.app_version]);
      }
      expect(list.rows.size).toBe(theirs.length);
    } finally {
      list.stop();
    }
  });

  it("follows installs, upgrades and uninstalls live, and a corrupt release fails alone", async () => {
    const list = watchReleases(ctx, ns);
    try {
      await expect.poll(() => list.state()?.live, { timeout: 30_000 }).toBe(true);
      expect(list.rows.size).toBe(0);
      await helm("install", "shop", chartDir, "-n", ns, "--description", "first");
      await expect.poll(() => list.cells(`${ns}/shop`)?.slice(0, 2), { timeout: 30_000 }).toEqual(["shop", "1"]);
      expect(list.cells(`${ns}/shop`)![3]).toBe("deployed");
      await helm("upgrade", "shop", chartDir, "-n", ns, "--set", "replicaCount=3");
      await expect.poll(() => list.cells(`${ns}/shop`)?.[1], { timeout: 30_000 }).toBe("2");
      // One row per release, however many revisions Helm keeps.
      expect([...list.rows.keys()]).toEqual([`${ns}/shop`]);

      // A storage Secret whose payload is not a release: its row says what the labels say, its details why.
      await kubectl(
        ["apply", "-f", "-"],
        JSON.stringify({
          apiVersion: "v1",
          kind: "Secret",
          type: "helm.sh/release.v1",
          metadata: { name: "sh.helm.release.v1.broken.v1", namespace: ns, labels: { owner: "helm", name: "broken", status: "deployed", version: "1" } },
          data: { release: Buffer.from("not a release").toString("base64") },
        }),
      );
      await expect.poll(() => list.cells(`${ns}/broken`)?.slice(0, 5), { timeout: 30_000 }).toEqual(["broken", "1", expect.any(String), "deployed", ""]);
      expect(list.cells(`${ns}/shop`)![4]).toBe("storefront-0.2.0");
      await expect(
        app.services.helm.get({ context: ctx, group: "helm.sh", version: "v1", resource: "releases", namespace: ns, name: "broken" }),
      ).rejects.toThrow(`release ${ns}/broken cannot be read: Secret ${ns}/sh.helm.release.v1.broken.v1: its release entry is not`);
      const history = await app.services.helm.history({ context: ctx, namespace: ns, name: "broken" });
      expect(history).toEqual([expect.objectContaining({ revision: 1, status: "deployed", error: expect.stringMatching(/its release entry is not/) })]);

      // A revision changing state in place (helm writes pending-upgrade, then deployed, to the same Secret) is followed.
      const stored = (status: string) =>
        JSON.stringify({
          apiVersion: "v1",
          kind: "Secret",
          type: "helm.sh/release.v1",
          metadata: { name: "sh.helm.release.v1.hand.v1", namespace: ns, labels: { owner: "helm", name: "hand", status, version: "1" } },
          data: {
            release: Buffer.from(
              gzipSync(
                JSON.stringify({ name: "hand", namespace: ns, version: 1, info: { status }, chart: { metadata: { name: "hand", version: "1.0.0" } } }),
              ).toString("base64"),
            ).toString("base64"),
          },
        });
      await kubectl(["apply", "-f", "-"], stored("pending-install"));
      await expect.poll(() => list.cells(`${ns}/hand`)?.[3], { timeout: 30_000 }).toBe("pending-install");
      await kubectl(["apply", "-f", "-"], stored("deployed"));
      await expect.poll(() => list.cells(`${ns}/hand`)?.[3], { timeout: 30_000 }).toBe("deployed");

      await helm("uninstall", "shop", "-n", ns);
      await expect.poll(() => list.rows.has(`${ns}/shop`), { timeout: 30_000 }).toBe(false);
      expect(list.rows.has(`${ns}/broken`)).toBe(true);
    } finally {
      list.stop();
    }
  });

  it("tells a user who may not list Secrets where releases are kept", async () => {
    const list = watchReleases("sandbox-viewer", "shop");
    try {
      await expect.poll(() => list.state()?.error?.code, { timeout: 30_000 }).toBe("Forbidden");
      expect(list.state()!.error!.message).toMatch(/^Helm keeps its releases in Secrets, and you may not list Secrets in namespace shop: .*secrets/);
      expect(list.rows.size).toBe(0);
    } finally {
      list.stop();
    }
  });
});

describe("one release", () => {
  const ref = { context: ctx, group: "helm.sh", version: "v1", resource: "releases", namespace: "shop", name: "storefront" };

  it("has the values, notes, manifest and hooks helm get shows, a Secret's values hidden", async () => {
    const r: HelmReleaseDetails = await app.services.helm.get(ref);
    expect(r.values).toEqual(JSON.parse(await helm("get", "values", "storefront", "-n", "shop", "-o", "json")));
    expect(r.computedValues).toEqual(JSON.parse(await helm("get", "values", "storefront", "-n", "shop", "--all", "-o", "json")));
    expect(r.notes?.trim()).toBe((await helm("get", "notes", "storefront", "-n", "shop")).replace(/^NOTES:\n/, "").trim());
    const manifest = await helm("get", "manifest", "storefront", "-n", "shop");
    const kinds = [...manifest.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    expect(r.resources.map((o) => o.kind)).toEqual(kinds);
    expect(r.resources.every((o) => o.source?.startsWith("storefront/templates/"))).toBe(true);
    expect(r).toMatchObject({ revision: 2, status: "deployed", chart: { name: "storefront", version: "0.2.0", appVersion: "1.4.0" }, storage: "Secret" });
    expect(r.hooks).toEqual([]);
  });

  it("has every revision helm history shows, and each revision's values to compare", async () => {
    const theirs = JSON.parse(await helm("history", "storefront", "-n", "shop", "-o", "json")) as {
      revision: number;
      status: string;
      chart: string;
      app_version: string;
      description: string;
    }[];
    const ours = await app.services.helm.history({ context: ctx, namespace: "shop", name: "storefront" });
    expect(ours.map((r) => [r.revision, r.status, r.chart, r.appVersion, r.description])).toEqual(
      theirs.map((r) => [r.revision, r.status, r.chart, r.app_version, r.description]),
    );
    const first = await app.services.helm.revision({ context: ctx, namespace: "shop", name: "storefront" }, 1);
    const second = await app.services.helm.revision({ context: ctx, namespace: "shop", name: "storefront" }, 2);
    // helm prints null where nothing was given.
    expect(first.values).toEqual(JSON.parse(await helm("get", "values", "storefront", "-n", "shop", "--revision", "1", "-o", "json")) ?? {});
    expect(second.values).toEqual({ replicaCount: 2, greeting: "Welcome back" });
    expect(second.manifest).toContain("replicas: 2");
    await expect(app.services.helm.revision({ context: ctx, namespace: "shop", name: "storefront" }, 99)).rejects.toThrow(
      "release shop/storefront has no revision 99",
    );
  });
});

/** One helm.run through the router, as a window would open it: its events, and how it ended. */
function helmRun(command: HelmCommand) {
  const events: StreamEvents["helm.run"][] = [];
  let ended: { result?: StreamResults["helm.run"]; error?: unknown } | undefined;
  const handle = app.router.subscribe(
    "helm.run",
    { context: ctx, command },
    {
      write: (e) => (events.push(e as StreamEvents["helm.run"]), true),
      offer: (e) => (events.push(e as StreamEvents["helm.run"]), true),
      onDrain: () => () => {},
      end: (result) => void (ended = { result: result as StreamResults["helm.run"] }),
      fail: (error) => void (ended = { error }),
      get ended() {
        return !!ended;
      },
    },
  );
  const lines = () => events.flatMap((e) => ("line" in e ? [e.line] : []));
  return { events, lines, handle, ended: () => ended };
}

describe("changes through helm", () => {
  it("finds helm and says its version, or why the one set cannot be used", async () => {
    expect(await app.services.helmCli.binary()).toEqual({ path: expect.stringMatching(/helm$/), version: "v4.3.1", source: "bundled" });
    const set = (helmPath: string) => app.router.call("settings.update", { helmPath });
    expect(await set("helm")).toMatchObject({ ok: false, error: { code: "Invalid" } });
    expect((await set(join(dir, "no-helm-here"))).ok).toBe(true);
    await expect(app.services.helmCli.binary()).rejects.toThrow(`helm is not at ${join(dir, "no-helm-here")}, the path set for it`);
    const bins = await ensureBinaries(() => {});
    await set(bins.helm);
    expect(await app.services.helmCli.binary()).toMatchObject({ version: "v4.3.1", source: "settings" });
    await set("");
    expect(await app.services.helmCli.binary()).toMatchObject({ source: "bundled" });
  });

  it("rolls back and uninstalls as helm does, the output live, with credentials only main holds", async () => {
    await helm("install", "roll", chartDir, "-n", ns);
    await helm("upgrade", "roll", chartDir, "-n", ns, "--set", "replicaCount=3");
    const back = helmRun({ command: "rollback", release: "roll", namespace: ns, revision: 1, wait: true, timeout: "2m" });
    await expect.poll(() => back.ended(), { timeout: 60_000 }).toEqual({ result: { code: 0 } });
    expect(back.events[0]).toEqual({ started: ["helm", "rollback", "roll", "1", "--namespace", ns, "--wait=watcher", "--timeout", "2m"], version: "v4.3.1" });
    expect(back.lines().join("\n")).toMatch(/Rollback was a success/);
    const history = JSON.parse(await helm("history", "roll", "-n", ns, "-o", "json")) as { revision: number; description: string }[];
    expect(history.at(-1)).toMatchObject({ revision: 3, description: "Rollback to 1" });
    expect(JSON.parse(await helm("get", "values", "roll", "-n", ns, "-o", "json"))).toBeNull();

    const gone = helmRun({ command: "uninstall", release: "roll", namespace: ns, keepHistory: true, wait: false });
    await expect.poll(() => gone.ended(), { timeout: 60_000 }).toEqual({ result: { code: 0 } });
    expect(gone.lines().join("\n")).toMatch(/release "roll" uninstalled/);
    // Kept history: helm still knows it, uninstalled.
    expect(JSON.parse(await helm("history", "roll", "-n", ns, "-o", "json")).at(-1)).toMatchObject({ status: "uninstalled" });
    // The private kubeconfig helm was given is gone with it.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith("kubedeck-helm-") && f !== basename(dir))).toEqual([]);
  });

  it("says what helm said when it fails, and stops helm when the run is cancelled", async () => {
    const missing = helmRun({ command: "rollback", release: "nothing-here", namespace: ns, revision: 1, wait: false });
    await expect.poll(() => missing.ended(), { timeout: 60_000 }).toEqual({ result: { code: 1 } });
    expect(missing.lines().join("\n")).toMatch(/not found/);

    // Revision 1 asks for more CPU than any node has: rolling back to it with --wait never ends by itself.
    await helm("install", "stuck", chartDir, "-n", ns, "--set", "resources.requests.cpu=1000", "--set", "resources.limits.cpu=1000");
    await helm("upgrade", "stuck", chartDir, "-n", ns);
    const waiting = helmRun({ command: "rollback", release: "stuck", namespace: ns, revision: 1, wait: true, timeout: "10m" });
    await expect.poll(() => waiting.events.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(waiting.ended()).toBeUndefined();
    waiting.handle.stop();
    await expect.poll(() => waiting.ended(), { timeout: 30_000 }).toMatchObject({ result: { cancelled: true } });
  });
});
