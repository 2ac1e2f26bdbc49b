// Helm releases read natively, against the practice cluster and cross-checked with the real
// helm binary: the list as `helm list` prints it, live as releases come, change and go; one
// release's values, manifest and history as `helm get` and `helm history` show them; a release
// whose storage is corrupt fails alone; and a user who may not list Secrets is told why.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureCharts, startChartRepo, type ChartRepo } from "../e2e/chart-repo.ts";
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
      // Helm writes the revision pending-install first, then deployed: the list shows each as it comes.
      await expect.poll(() => list.cells(`${ns}/shop`)?.slice(0, 4), { timeout: 30_000 }).toEqual(["shop", "1", expect.any(String), "deployed"]);
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

describe("charts, repositories and installs", () => {
  let repo: ChartRepo;
  let privateRepo: ChartRepo;
  const secret = { username: "reader", password: "s3cret-Passw0rd" };
  beforeAll(async () => {
    [repo, privateRepo] = await Promise.all([startChartRepo(), startChartRepo(secret)]);
  });
  afterAll(async () => {
    await Promise.all([repo?.stop(), privateRepo?.stop()]);
  });
  const ok = async (command: HelmCommand) => {
    const r = helmRun(command);
    await expect.poll(() => r.ended(), { timeout: 120_000 }).toBeDefined();
    expect(r.ended(), r.lines().join("\n")).toEqual({ result: { code: 0 } });
    return r;
  };

  it("adds, lists, searches, updates and removes repositories in the app's own helm folders, a password only on helm's input", async () => {
    expect(await app.services.helmCharts.repositories()).toEqual([]);
    expect(await app.services.helmCharts.search("guestbook")).toEqual([]);
    await ok({ command: "repoAdd", name: "ours", url: repo.url });
    // A private repository: refused without its password, added with it; the password is never an argument.
    const refused = helmRun({ command: "repoAdd", name: "private", url: privateRepo.url });
    await expect.poll(() => refused.ended(), { timeout: 60_000 }).toEqual({ result: { code: 1 } });
    expect(refused.lines().join("\n")).toMatch(/401|Unauthorized/i);
    const added = await ok({ command: "repoAdd", name: "private", url: privateRepo.url, ...secret });
    expect(JSON.stringify(added.events[0])).not.toContain(secret.password);
    expect(added.events[0]).toMatchObject({ started: ["helm", "repo", "add", "private", privateRepo.url, "--username", "reader", "--password-stdin"] });
    expect(await app.services.helmCharts.repositories()).toEqual([
      { name: "ours", url: repo.url },
      { name: "private", url: privateRepo.url },
    ]);
    // The app's own helm folders, not the user's.
    expect(existsSync(join(dir, "helm", "config", "repositories.yaml"))).toBe(true);

    const found = await app.services.helmCharts.search("guestbook");
    expect(found.filter((f) => f.name === "ours/guestbook")).toEqual([
      { name: "ours/guestbook", version: "0.2.0", appVersion: "2.2.0", description: expect.stringContaining("guest book") },
      { name: "ours/guestbook", version: "0.1.0", appVersion: "2.1.0", description: expect.stringContaining("guest book") },
    ]);
    expect((await app.services.helmCharts.search("")).map((f) => f.name)).toContain("private/storefront");
    await expect(app.services.helmCharts.search("--debug")).rejects.toThrow(/not a search term/);

    const before = privateRepo.requests.length;
    await ok({ command: "repoUpdate", names: ["private"] });
    expect(privateRepo.requests.slice(before)).toContain("index.yaml");
    await ok({ command: "repoRemove", name: "private" });
    expect((await app.services.helmCharts.repositories()).map((r) => r.name)).toEqual(["ours"]);
    const bad = helmRun({ command: "repoAdd", name: "nowhere", url: "http://127.0.0.1:1/charts" });
    await expect.poll(() => bad.ended(), { timeout: 60_000 }).toEqual({ result: { code: 1 } });
    expect(bad.lines().join("\n")).toMatch(/127\.0\.0\.1:1.*(refused|cannot be reached|looks like)/);
  });

  it("reads a chart before installing it: from a repository at a version, a folder, a package; and says what is wrong with a bad one", async () => {
    const unpacked = () => readdirSync(tmpdir()).filter((f) => f.startsWith("kubedeck-chart-"));
    const before = unpacked();
    const old = await app.services.helmCharts.inspect("ours/guestbook", "0.1.0");
    expect(old).toMatchObject({ ref: "ours/guestbook", name: "guestbook", version: "0.1.0", appVersion: "2.1.0", hasTests: true, dependencies: [] });
    expect(old.readme).toMatch(/^# guestbook/);
    expect(old.values).toContain("# How many guest book pods run.");
    expect(old.schema).toMatchObject({ required: ["replicaCount", "message"] });
    expect(await app.services.helmCharts.inspect("ours/guestbook")).toMatchObject({ version: "0.2.0" });
    expect(await app.services.helmCharts.inspect(chartDir)).toMatchObject({ name: "storefront", hasTests: false });
    expect((await app.services.helmCharts.inspect(chartDir)).schema).toBeUndefined();
    const packaged = mkdtempSync(join(tmpdir(), "kubedeck-packaged-"));
    try {
      await helm("package", join(fixtureCharts, "guestbook"), "--destination", packaged);
      expect(await app.services.helmCharts.inspect(join(packaged, "guestbook-0.1.0.tgz"))).toMatchObject({
        name: "guestbook",
        version: "0.1.0",
        hasTests: true,
      });
      writeFileSync(join(packaged, "broken.tgz"), "not a tarball");
      await expect(app.services.helmCharts.inspect(join(packaged, "broken.tgz"))).rejects.toThrow(/broken\.tgz is not a packaged chart/);
    } finally {
      rmSync(packaged, { recursive: true, force: true });
    }
    await expect(app.services.helmCharts.inspect("ours/no-such-chart")).rejects.toThrow(/helm pull failed: .*no-such-chart.*not found/);
    await expect(app.services.helmCharts.inspect(join(dir, "nothing"))).rejects.toThrow(`${join(dir, "nothing")} does not exist`);
    await expect(app.services.helmCharts.inspect(dir)).rejects.toThrow(`${dir} is not a chart: it has no Chart.yaml`);
    await expect(app.services.helmCharts.inspect("-x/--y")).rejects.toThrow(/a chart: repo\/chart/);
    // Nothing unpacked is left behind.
    expect(unpacked()).toEqual(before);
  });

  it("lints and renders an install and an upgrade on the server without changing anything", async () => {
    expect(await app.services.helmCharts.lint("ours/guestbook", "0.1.0", "message: hi\n")).toMatchObject({
      ok: true,
      output: expect.stringContaining("1 chart(s) linted, 0 chart(s) failed"),
    });
    const lint = await app.services.helmCharts.lint("ours/guestbook", undefined, "replicaCount: many\n");
    expect(lint.ok).toBe(false);
    expect(lint.output).toMatch(/replicaCount.*integer/);
    // The folder helm linted is named as the user named the chart, not as a temporary folder.
    expect(lint.output).not.toContain("kubedeck-chart-");

    const install = {
      command: "install",
      release: "preview",
      namespace: ns,
      createNamespace: false,
      chart: "ours/guestbook",
      values: "message: Preview\n",
      wait: false,
      atomic: false,
    } as const;
    const r = await app.services.helmCharts.render(ctx, install);
    expect(r).toMatchObject({
      name: "preview",
      namespace: ns,
      revision: 1,
      chart: "guestbook-0.2.0",
      notes: expect.stringContaining("The guest book preview runs 1 pod"),
    });
    expect(r.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(["ConfigMap/preview-guestbook", "Service/preview-guestbook", "Deployment/preview-guestbook"]);
    expect(r.manifest).toContain('message: "Preview"');
    expect(r.hooks).toEqual([{ name: "preview-guestbook-test", kind: "Pod", events: ["test"] }]);
    expect(JSON.parse(await helm("list", "-n", ns, "-o", "json")).map((l: { name: string }) => l.name)).not.toContain("preview");
    await expect(app.services.helmCharts.render(ctx, { ...install, values: "replicaCount: many\n" })).rejects.toThrow(
      /helm install failed: .*\/replicaCount.*want integer/s,
    );

    // An upgrade is rendered as its next revision; a Secret's values stay hidden as in the release's own manifest.
    await helm("install", "render-up", chartDir, "-n", ns);
    const up = await app.services.helmCharts.render(ctx, {
      command: "upgrade",
      release: "render-up",
      namespace: ns,
      chart: chartDir,
      values: "replicaCount: 2\n",
      wait: false,
      atomic: false,
    });
    expect(up).toMatchObject({ name: "render-up", revision: 2 });
    expect(up.manifest).toContain("replicas: 2");
    expect(JSON.parse(await helm("history", "render-up", "-n", ns, "-o", "json"))).toHaveLength(1);
  });

  it("installs from a repository into a new namespace, upgrades with changed values, and tests the release", async () => {
    const target = `${ns}-new`;
    try {
      const install = await ok({
        command: "install",
        release: "gb",
        namespace: target,
        createNamespace: true,
        chart: "ours/guestbook",
        version: "0.1.0",
        values: "message: Hello from Kubedeck\nreplicaCount: 2\n",
        wait: true,
        timeout: "3m",
        atomic: false,
      });
      expect(install.events[0]).toMatchObject({
        started: [
          "helm",
          "install",
          "gb",
          "ours/guestbook",
          "--namespace",
          target,
          "--create-namespace",
          "--version",
          "0.1.0",
          "--values",
          // The values go in a private file; the command shown names it as a person would.
          "values.yaml",
          "--wait=watcher",
          "--timeout",
          "3m",
        ],
      });
      expect(JSON.parse(await helm("get", "values", "gb", "-n", target, "-o", "json"))).toEqual({ message: "Hello from Kubedeck", replicaCount: 2 });
      const listed = JSON.parse(await helm("list", "-n", target, "-o", "json")) as { name: string; chart: string; status: string }[];
      expect(listed).toMatchObject([{ name: "gb", chart: "guestbook-0.1.0", status: "deployed" }]);

      await ok({
        command: "upgrade",
        release: "gb",
        namespace: target,
        chart: "ours/guestbook",
        values: "message: Upgraded\n",
        wait: true,
        timeout: "3m",
        atomic: true,
      });
      // The values given are the release's as a whole: replicaCount is back to the chart's default.
      expect(JSON.parse(await helm("get", "values", "gb", "-n", target, "-o", "json"))).toEqual({ message: "Upgraded" });
      expect(JSON.parse(await helm("history", "gb", "-n", target, "-o", "json")).map((h: { chart: string }) => h.chart)).toEqual([
        "guestbook-0.1.0",
        "guestbook-0.2.0",
      ]);

      const tested = await ok({ command: "test", release: "gb", namespace: target, logs: true, timeout: "2m" });
      expect(tested.lines().join("\n")).toMatch(/TEST SUITE:\s+gb-guestbook-test[\s\S]*Phase:\s+Succeeded/);
      // A test pod that fails fails the run, and says which.
      await ok({
        command: "upgrade",
        release: "gb",
        namespace: target,
        chart: "ours/guestbook",
        values: "message: Upgraded\ntestExitCode: 3\n",
        wait: false,
        atomic: false,
      });
      const failing = helmRun({ command: "test", release: "gb", namespace: target, logs: false, timeout: "2m" });
      await expect.poll(() => failing.ended(), { timeout: 120_000 }).toEqual({ result: { code: 1 } });
      expect(failing.lines().join("\n")).toMatch(/gb-guestbook-test.*failed|Phase:\s+Failed/);
    } finally {
      await kubectl(["delete", "namespace", target, "--wait=false"]).catch(() => {});
    }
  });

  it("installs from an OCI registry by its oci:// address (plain HTTP, as a local registry is), after logging in", async () => {
    const bins = await ensureBinaries(() => {});
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const registry = spawn(bins.crane, ["registry", "serve", "--address", `127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"] });
    let said = "";
    registry.stdout.on("data", (d: Buffer) => (said += d));
    registry.stderr.on("data", (d: Buffer) => (said += d));
    const work = mkdtempSync(join(tmpdir(), "kubedeck-oci-"));
    try {
      await expect
        .poll(
          () =>
            fetch(`http://127.0.0.1:${port}/v2/`).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 30_000 },
        )
        .toBe(200);
      await helm("package", join(fixtureCharts, "guestbook"), "--destination", work);
      await helm("push", join(work, "guestbook-0.1.0.tgz"), `oci://127.0.0.1:${port}/charts`, "--plain-http");
      const login = await ok({ command: "registryLogin", host: `127.0.0.1:${port}`, username: "me", password: "not-on-the-command-line", plainHttp: true });
      expect(JSON.stringify(login.events[0])).not.toContain("not-on-the-command-line");
      expect(login.lines().join("\n")).toMatch(/Login Succeeded/i);

      const ref = `oci://127.0.0.1:${port}/charts/guestbook`;
      expect(await app.services.helmCharts.inspect(ref, "0.1.0", true)).toMatchObject({ ref, name: "guestbook", version: "0.1.0", hasTests: true });
      // Without --plain-http helm speaks TLS to it, and says so.
      await expect(app.services.helmCharts.inspect(ref, "0.1.0")).rejects.toThrow(/helm pull failed: .*(http|tls|TLS)/);
      expect(await app.services.helmCharts.lint(ref, "0.1.0", "message: from a registry\n", true)).toMatchObject({ ok: true });
      await ok({
        command: "install",
        release: "from-oci",
        namespace: ns,
        createNamespace: false,
        chart: ref,
        version: "0.1.0",
        plainHttp: true,
        wait: false,
        atomic: false,
      });
      const listed = JSON.parse(await helm("list", "-n", ns, "-o", "json")) as { name: string; chart: string }[];
      expect(listed.find((l) => l.name === "from-oci")).toMatchObject({ chart: "guestbook-0.1.0" });
    } catch (e) {
      throw new Error(`${(e as Error).message}\nthe registry said:\n${said}`);
    } finally {
      registry.kill();
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("creates a chart, lints it, packages it and installs the package and the folder (the tutorial's own chart)", async () => {
    const work = mkdtempSync(join(tmpdir(), "kubedeck-create-"));
    try {
      await ok({ command: "create", directory: work, name: "mychart" });
      expect(existsSync(join(work, "mychart", "Chart.yaml"))).toBe(true);
      expect(await app.services.helmCharts.lint(join(work, "mychart"), undefined, "")).toMatchObject({ ok: true });
      const pack = await ok({ command: "package", chart: join(work, "mychart"), destination: work });
      expect(pack.lines().join("\n")).toContain(`Successfully packaged chart and saved it to: ${join(work, "mychart-0.1.0.tgz")}`);
      await ok({
        command: "install",
        release: "from-package",
        namespace: ns,
        createNamespace: false,
        chart: join(work, "mychart-0.1.0.tgz"),
        wait: false,
        atomic: false,
      });
      // No name given: helm makes one up.
      const generated = await ok({ command: "install", namespace: ns, createNamespace: false, chart: join(work, "mychart"), wait: false, atomic: false });
      const name = /^NAME: (\S+)/m.exec(generated.lines().join("\n"))?.[1];
      expect(name).toMatch(/^mychart-\d+$/);
      const listed = (JSON.parse(await helm("list", "-n", ns, "-o", "json")) as { name: string; chart: string }[]).filter((l) => l.chart === "mychart-0.1.0");
      expect(listed.map((l) => l.name).sort()).toEqual(["from-package", name].sort());
      // helm create would write over a chart that is there (helm itself only warns): refused, the user's edits kept.
      writeFileSync(join(work, "mychart", "values.yaml"), "# my own values\n");
      const again = helmRun({ command: "create", directory: work, name: "mychart" });
      await expect.poll(() => again.ended(), { timeout: 60_000 }).toMatchObject({ error: { code: "Conflict" } });
      expect((again.ended()!.error as Error).message).toBe(
        `${join(work, "mychart")} already exists: helm create would overwrite its files. Choose another name or folder.`,
      );
      expect(readFileSync(join(work, "mychart", "values.yaml"), "utf8")).toBe("# my own values\n");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
