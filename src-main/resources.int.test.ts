// Discovery, objects on demand, relations, counts and actions, against the practice cluster:
// what the details panel and the sidebar rely on, checked against kubectl.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBinaries } from "../e2e/sandbox/build.ts";
import { run } from "../e2e/sandbox/run.ts";
import type { DiscoveryState } from "../src-shared/api/types.ts";
import { exampleCrd } from "../e2e/fixtures/crd.ts";
import { helmReleasesInfo, isHelmReleases } from "../src-shared/kinds/helm.ts";
import { createApp, type App } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-resources-"));
let app: App;
const ctx = "sandbox-admin";

async function kubectl(...args: string[]): Promise<string> {
  const bins = await ensureBinaries(() => {});
  return run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args]);
}

beforeAll(async () => {
  app = createApp({ userDataDir: dir, env: { ...process.env, KUBECONFIG: inject("kubeconfig") } });
  await app.services.connections.connect(ctx);
  await app.services.connections.connect("sandbox-viewer");
});

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("discovery", () => {
  it("reports what kubectl api-resources reports, and a CRD created later with its printer columns", async () => {
    let state: DiscoveryState | undefined;
    const stop = app.services.discovery.subscribe(ctx, (s) => (state = s));
    await expect.poll(() => state?.resources.length ?? 0).toBeGreaterThan(0);
    const theirs = (await kubectl("api-resources", "--verbs=list", "-o", "name")).trim().split("\n").sort();
    // kubectl names resources "plural.group"; discovery lists the preferred version of each group.
    const ours = [...new Set(state!.resources.filter((r) => !isHelmReleases(r)).map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)))].sort();
    expect(ours).toEqual(theirs);
    // And, beside what the server serves, the Helm releases Kubedeck reads from the Secrets it serves.
    expect(state!.resources.filter((r) => isHelmReleases(r))).toEqual([helmReleasesInfo]);

    const group = `t${Date.now().toString(36)}.kubedeck.dev`;
    const bins = await ensureBinaries(() => {});
    await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "apply", "-f", "-"], {
      input: JSON.stringify(exampleCrd(group, { plural: "gadgets", kind: "Gadget" }, { wideColor: true })),
    });
    try {
      await expect
        .poll(() => state?.resources.find((r) => r.group === group), { timeout: 30_000 })
        .toMatchObject({
          resource: "gadgets",
          kind: "Gadget",
          namespaced: true,
          crd: true,
          printerColumns: [{ name: "Size" }, { name: "Color" }, { name: "Age" }],
        });
      const kind = app.services.watchHub.descriptor({ context: ctx, group, version: "v1", resource: "gadgets" })!;
      expect(kind.columns.map((c) => [c.name, !!c.wide])).toEqual([
        ["NAME", false],
        ["SIZE", false],
        ["COLOR", true],
        ["AGE", false],
      ]);
    } finally {
      stop();
      await kubectl("delete", "crd", `gadgets.${group}`, "--wait=false");
    }
  });
});

describe("objects on demand", () => {
  it("reads an object, and never lets a Secret's values out", async () => {
    const pod = await app.services.resources.get({ context: ctx, group: "", version: "v1", resource: "pods", namespace: "demo", name: "myapp" });
    expect(pod.spec.containers.map((c: { name: string }) => c.name)).toHaveLength(2);
    expect(pod.metadata.managedFields).toBeUndefined();

    const real = JSON.parse(await kubectl("get", "secret", "db-secret", "-n", "demo", "-o", "json"));
    const secret = await app.services.resources.get({ context: ctx, group: "", version: "v1", resource: "secrets", namespace: "demo", name: "db-secret" });
    expect(Object.keys(secret.data)).toEqual(Object.keys(real.data));
    const text = JSON.stringify(secret);
    for (const v of Object.values(real.data as Record<string, string>)) {
      expect(text).not.toContain(v);
      expect(text).not.toContain(Buffer.from(v, "base64").toString());
    }
  });

  it("masks a Secret read while its list is open", async () => {
    const stop = app.services.watchHub.subscribe({ context: ctx, group: "", version: "v1", resource: "secrets", namespace: "demo" }, () => {});
    try {
      await expect
        .poll(() => app.services.watchHub.active({ context: ctx, group: "", version: "v1", resource: "secrets", namespace: "demo" })?.watching)
        .toBe(true);
      const secret = await app.services.resources.get({ context: ctx, group: "", version: "v1", resource: "secrets", namespace: "demo", name: "db-secret" });
      expect(secret.kind).toBe("Secret");
      expect(Object.values(secret.data).every((v) => v === "")).toBe(true);
    } finally {
      stop();
    }
  });

  it("answers NotFound for an object that is not there", async () => {
    await expect(
      app.services.resources.get({ context: ctx, group: "", version: "v1", resource: "pods", namespace: "demo", name: "no-such-pod" }),
    ).rejects.toMatchObject({
      code: "NotFound",
    });
  });
});

describe("relations", () => {
  it("follows Deployment → ReplicaSets → Pods and Pod → Node, as kubectl sees them", async () => {
    const rel = await app.services.resources.related({
      context: ctx,
      group: "apps",
      version: "v1",
      resource: "deployments",
      namespace: "demo",
      name: "nginx-deployment",
    });
    const rsTheirs = JSON.parse(await kubectl("get", "rs", "-n", "demo", "-o", "json")).items.filter(
      (rs: { metadata: { ownerReferences?: { name: string }[] } }) => rs.metadata.ownerReferences?.some((o) => o.name === "nginx-deployment"),
    );
    expect(
      rel
        .filter((r) => r.role === "owned")
        .map((r) => r.ref.name)
        .sort(),
    ).toEqual(rsTheirs.map((r: { metadata: { name: string } }) => r.metadata.name).sort());

    const rs = rel.find((r) => r.role === "owned")!.ref;
    const pods = await app.services.resources.related({
      context: ctx,
      group: "apps",
      version: "v1",
      resource: "replicasets",
      namespace: "demo",
      name: rs.name,
    });
    expect(pods.find((r) => r.role === "owner")).toMatchObject({ kind: "Deployment", ref: { name: "nginx-deployment", resource: "deployments" } });

    const pod = await app.services.resources.related({ context: ctx, group: "", version: "v1", resource: "pods", namespace: "demo", name: "myapp" });
    const node = (await kubectl("get", "pod", "myapp", "-n", "demo", "-o", "jsonpath={.spec.nodeName}")).trim();
    expect(pod.find((r) => r.role === "node")?.ref).toMatchObject({ resource: "nodes", name: node });
  });

  it("follows Service → EndpointSlices and the Pods it selects", async () => {
    const svc = await app.services.resources.related({ context: ctx, group: "", version: "v1", resource: "services", namespace: "demo", name: "nginx-svc" });
    const names = async (...a: string[]) => (await kubectl("get", ...a, "-o", "jsonpath={.items[*].metadata.name}")).split(" ").filter(Boolean).sort();
    const slices = await names("endpointslices", "-n", "demo", "-l", "kubernetes.io/service-name=nginx-svc");
    expect(slices.length).toBeGreaterThan(0);
    expect(
      svc
        .filter((r) => r.role === "endpointSlice")
        .map((r) => r.ref.name)
        .sort(),
    ).toEqual(slices);
    const selector = JSON.parse(await kubectl("get", "svc", "nginx-svc", "-n", "demo", "-o", "jsonpath={.spec.selector}")) as Record<string, string>;
    const selectorText = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    // A rollout may still be replacing pods: both sides are read until they agree.
    await expect
      .poll(async () => {
        const now = await app.services.resources.related({
          context: ctx,
          group: "",
          version: "v1",
          resource: "services",
          namespace: "demo",
          name: "nginx-svc",
        });
        const ours = now
          .filter((r) => r.role === "selected")
          .map((r) => r.ref.name)
          .sort();
        return JSON.stringify(ours) === JSON.stringify(await names("pods", "-n", "demo", "-l", selectorText));
      })
      .toBe(true);
  });
});

describe("counts", () => {
  it("counts like kubectl, in namespaces and cluster-wide, and null where the user may not list", async () => {
    const kc = async (...a: string[]) => (await kubectl("get", ...a, "-o", "name")).trim().split("\n").filter(Boolean).length;
    // Pods come and go while rollouts finish: both sides are read until they agree.
    await expect
      .poll(async () => {
        const ours = await app.services.resources.count(
          ctx,
          [
            { group: "", version: "v1", resource: "pods" },
            { group: "", version: "v1", resource: "pods", namespace: "demo" },
            { group: "", version: "v1", resource: "nodes" },
          ],
          [],
        );
        return JSON.stringify(ours) === JSON.stringify([await kc("pods", "-A"), await kc("pods", "-n", "demo"), await kc("nodes")]);
      })
      .toBe(true);
    const [secrets, demo] = await app.services.resources.count(
      "sandbox-viewer",
      [
        { group: "", version: "v1", resource: "secrets" },
        { group: "", version: "v1", resource: "pods" },
      ],
      ["demo"],
    );
    expect(secrets).toBeNull();
    expect(demo).toBe(await kc("pods", "-n", "demo"));
  });
});

describe("actions", () => {
  it("scales, restarts, cordons and triggers as kubectl would, and names what RBAC refused", async () => {
    // A Deployment of its own: the seeded ones are the tutorial's, whose revisions other suites check.
    const ns = `kd-actions-int-${Date.now().toString(36)}`;
    await kubectl("create", "namespace", ns);
    await kubectl("create", "deployment", "web", "-n", ns, "--image=nginx:1.27", "--replicas=1");
    const deploy = { context: ctx, group: "apps", version: "v1", resource: "deployments", namespace: ns, name: "web" };
    const before = Number(await kubectl("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}"));
    await app.services.actions.runOne("scale", { replicas: before + 1 }, deploy);
    expect(Number(await kubectl("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}"))).toBe(before + 1);
    await app.services.actions.runOne("scale", { replicas: before }, deploy);

    await app.services.actions.runOne("restart", {}, deploy);
    expect(await kubectl("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.template.metadata.annotations}")).toContain(
      "kubectl.kubernetes.io/restartedAt",
    );
    await kubectl("delete", "namespace", ns, "--wait=false");

    const node = { context: ctx, group: "", version: "v1", resource: "nodes", name: "sandbox-worker-2" };
    await app.services.actions.runOne("cordon", {}, node);
    expect(await kubectl("get", "node", "sandbox-worker-2", "-o", "jsonpath={.spec.unschedulable}")).toBe("true");
    await app.services.actions.runOne("uncordon", {}, node);
    expect(await kubectl("get", "node", "sandbox-worker-2", "-o", "jsonpath={.spec.unschedulable}")).toBe("");

    const cron = JSON.parse(await kubectl("get", "cronjobs", "-n", "demo", "-o", "json")).items[0];
    await app.services.actions.runOne(
      "trigger",
      {},
      { context: ctx, group: "batch", version: "v1", resource: "cronjobs", namespace: "demo", name: cron.metadata.name },
    );
    const jobs = JSON.parse(await kubectl("get", "jobs", "-n", "demo", "-o", "json")).items.filter(
      (j: { metadata: { annotations?: Record<string, string>; ownerReferences?: { uid: string }[] } }) =>
        j.metadata.annotations?.["cronjob.kubernetes.io/instantiate"] === "manual" && j.metadata.ownerReferences?.[0]?.uid === cron.metadata.uid,
    );
    expect(jobs.length).toBeGreaterThan(0);
    const owned = await app.services.resources.related({
      context: ctx,
      group: "batch",
      version: "v1",
      resource: "cronjobs",
      namespace: "demo",
      name: cron.metadata.name,
    });
    expect(owned.filter((r) => r.role === "owned").map((r) => r.ref.name)).toEqual(
      expect.arrayContaining(jobs.map((j: { metadata: { name: string } }) => j.metadata.name)),
    );
    for (const j of jobs) await kubectl("delete", "job", j.metadata.name, "-n", "demo", "--wait=false");

    await expect(
      app.services.actions.runOne("delete", {}, { context: "sandbox-viewer", group: "", version: "v1", resource: "pods", namespace: "demo", name: "myapp" }),
    ).rejects.toMatchObject({ code: "Forbidden", reason: expect.stringContaining('cannot delete resource "pods"') });
  });
});
