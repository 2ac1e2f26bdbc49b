// Operations in a real browser against the practice cluster, each checked with kubectl: a
// Deployment's rollout (scale, set image, history and diff, undo, pause and resume), a
// CronJob's schedule in words and its suspend and run-now, and a node's labels and taints
// with their impact previews, proved by what the real scheduler and taint manager then do.
// It works on objects of its own: a namespace kd-ops-… and a node of its own, tainted so
// that no other suite's pod lands there.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inChinese, launchChromium, screenshotter, startServe } from "./browser.ts";
import type { WebSocket } from "playwright-core";
import { nodeManifests } from "./sandbox/nodes.ts";
import { nginxDeployment } from "./fixtures/deployment.ts";
import { kubectl, openApp, openList, shotBothThemes, type AppUnderTest } from "./suite.ts";

const shot = screenshotter("operations");
const id = Date.now().toString(36);
const ns = `kd-ops-${id}`;
const node = `kd-ops-node-${id}`;
// The node's own taint: only this suite's pods (which tolerate it) may be scheduled there.
const fence = { key: "kd-ops", value: id, effect: "NoSchedule" };
let app: AppUnderTest;

const jsonpath = async (what: string[], path: string) => (await kubectl(["get", ...what, "-o", `jsonpath=${path}`])).trim();
const page = () => app.page;
const drawer = () =>
  page()
    .getByRole("dialog")
    .filter({ has: page().getByRole("tablist") });
const dialog = (title: RegExp) => page().getByRole("dialog", { name: title });
const route = (group: string, version: string, resource: string) => `#/context/sandbox-admin/r/${group || "core"}/${version}/${resource}`;
const apply = (o: object) => kubectl(["apply", "-f", "-"], JSON.stringify(o));

const pod = (name: string, spec: object) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: ns, labels: { suite: "operations" } },
  spec: { containers: [{ name: "app", image: "nginx:1.27" }], tolerations: [{ key: fence.key, operator: "Exists", effect: "NoSchedule" }], ...spec },
});

beforeAll(async () => {
  await kubectl(["create", "namespace", ns]);
  const manifest = nodeManifests([
    {
      name: node,
      labels: { "kubernetes.io/hostname": node, "kubernetes.io/os": "linux", type: "kwok", disktype: "hdd" },
      taints: [fence],
      capacity: { cpu: "8", memory: "32Gi", pods: "110" },
    },
  ]);
  await apply(manifest);
  await kubectl(["wait", "--for=condition=Ready", `node/${node}`, "--timeout=120s"]);
  await apply({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: ns, labels: { app: "web" } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
    },
  });
  await apply({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "nightly", namespace: ns },
    spec: {
      schedule: "0 9 * * 1-5",
      timeZone: "Asia/Shanghai",
      jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "report", image: "busybox:1.36", command: ["true"] }] } } } },
    },
  });
  await kubectl(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"]);
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
  await kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  await kubectl(["delete", "node", node, "--ignore-not-found"]);
});

describe("a Deployment's rollout", () => {
  const rollout = () => drawer().getByRole("region", { name: "Rollout status" });
  const history = () => drawer().getByRole("table", { name: "Rollout history" });
  const image = () => jsonpath(["deployment", "web", "-n", ns], "{.spec.template.spec.containers[0].image}");

  it("scales 3 to 5 and shows 5 ready as they come", async () => {
    await openList(page(), `${route("apps", "v1", "deployments")}/${ns}/web`);
    await expect
      .poll(() =>
        drawer()
          .getByRole("row", { name: /^Update strategy/ })
          .innerText(),
      )
      .toMatch(/RollingUpdate · max surge 25% · max unavailable 25%/);
    await drawer().getByRole("tab", { name: "Rollout" }).click();
    await expect.poll(() => rollout().getByRole("group", { name: "Ready: 3/3" }).count(), { timeout: 30_000 }).toBe(1);
    await drawer().getByRole("button", { name: "Scale", exact: true }).click();
    await dialog(/^Scale web/)
      .getByRole("textbox", { name: "Replicas" })
      .fill("5");
    await dialog(/^Scale web/)
      .getByRole("button", { name: "Scale", exact: true })
      .click();
    await expect.poll(() => rollout().getByRole("group", { name: "Ready: 5/5" }).count(), { timeout: 60_000 }).toBe(1);
    expect(await jsonpath(["deployment", "web", "-n", ns], "{.status.readyReplicas}")).toBe("5");
  });

  it("sets an image: a new revision, with the change-cause that says so, and a diff of the two templates", async () => {
    await drawer().getByRole("button", { name: "Set image", exact: true }).click();
    const set = dialog(/^Set image web/);
    expect(await set.getByRole("combobox", { name: "Container" }).inputValue()).toBe("nginx");
    const field = set.getByRole("textbox", { name: "Image" });
    expect(await field.inputValue()).toBe("nginx:1.27");
    await field.fill("nginx:1.28");
    await set.getByRole("button", { name: "Show the request" }).click();
    expect(await set.getByLabel("The request").innerText()).toMatch(
      /PATCH \/apis\/apps\/v1\/namespaces\/.+\/deployments\/web[\s\S]*strategic-merge-patch[\s\S]*kubedeck set image nginx=nginx:1.28/,
    );
    await shotBothThemes(shot, page(), "set-image-dialog");
    await set.getByRole("button", { name: "Set image", exact: true }).click();
    await expect.poll(image).toBe("nginx:1.28");
    await expect
      .poll(() => kubectl(["rollout", "history", "deployment/web", "-n", ns]), { timeout: 30_000 })
      .toMatch(/2\s+kubedeck set image nginx=nginx:1.28/);
    const second = history().getByRole("row", { name: "Revision 2" });
    await expect.poll(() => second.textContent(), { timeout: 30_000 }).toContain("kubedeck set image nginx=nginx:1.28");
    expect(await second.textContent()).toContain("current");
    // By default the diff compares the current revision with the one before.
    const diff = drawer().getByLabel("Pod template: revision 1 (left) and revision 2 (right)");
    await expect.poll(() => diff.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The changed line is marked as the diff editor marks an insertion.
    await expect
      .poll(() => drawer().locator(".monaco-diff-editor .char-insert, .monaco-diff-editor .line-insert").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await drawer().locator(".monaco-diff-editor").innerText()).toContain("nginx:1.28");
    await expect.poll(() => rollout().locator("[data-rollout-state]").getAttribute("data-rollout-state"), { timeout: 60_000 }).toBe("complete");
    await shotBothThemes(shot, page(), "rollout-history");
  });

  it("undoes to revision 1: the old image again, as a new revision", async () => {
    await history().getByRole("row", { name: "Revision 1" }).getByRole("button", { name: "Roll back to 1" }).click();
    const undo = dialog(/^Roll back web/);
    await expect.poll(() => undo.getByRole("combobox", { name: "Revision" }).inputValue()).toMatch(/^1 · nginx:1.27/);
    await undo.getByRole("button", { name: "Show the request" }).click();
    await expect
      .poll(() => undo.getByLabel("The request").innerText())
      .toMatch(/json-patch\+json[\s\S]*op: replace[\s\S]*path: \/spec\/template[\s\S]*image: nginx:1.27/);
    await shot(page(), "rollback-dialog");
    await undo.getByRole("button", { name: "Roll back", exact: true }).click();
    await expect.poll(image).toBe("nginx:1.27");
    // Revision 1 comes back as revision 3 (kubectl rollout undo does the same).
    await expect.poll(() => history().getByRole("row", { name: "Revision 3" }).textContent(), { timeout: 30_000 }).toContain("current");
    expect(await history().getByRole("row", { name: "Revision 1" }).count()).toBe(0);
  });

  it("a rollback to a revision that is gone is refused with the reason, before anything is sent", async () => {
    await drawer().getByRole("button", { name: "Roll back", exact: true }).click();
    const undo = dialog(/^Roll back web/);
    // "The previous revision" is 2 now; the list offers only what is kept.
    await undo.getByRole("combobox", { name: "Revision" }).click();
    expect(await page().getByRole("option").allInnerTexts()).toEqual([
      "The previous revision — 2 · nginx:1.28 · kubedeck set image nginx=nginx:1.28",
      "2 · nginx:1.28 · kubedeck set image nginx=nginx:1.28",
    ]);
    await page().keyboard.press("Escape");
    await undo.getByRole("button", { name: "Cancel" }).click();
  });

  it("pause holds a template change until resume", async () => {
    await drawer().getByRole("button", { name: "Pause", exact: true }).click();
    await dialog(/^Pause web/)
      .getByRole("button", { name: "Pause", exact: true })
      .click();
    await expect.poll(() => jsonpath(["deployment", "web", "-n", ns], "{.spec.paused}")).toBe("true");
    await expect.poll(() => rollout().locator("[data-rollout-state]").getAttribute("data-rollout-state"), { timeout: 30_000 }).toBe("paused");
    await expect.poll(() => drawer().getByText("Paused", { exact: true }).count()).toBeGreaterThan(0);
    await kubectl(["set", "image", "deployment/web", "-n", ns, "nginx=nginx:1.29"]);
    // Once the controller has seen the change, it has still made no ReplicaSet for it.
    await expect
      .poll(async () => {
        const [generation, observed] = (await jsonpath(["deployment", "web", "-n", ns], "{.metadata.generation} {.status.observedGeneration}")).split(" ");
        return generation === observed;
      })
      .toBe(true);
    const images = () => jsonpath(["replicasets", "-n", ns, "-l", "app=web"], "{.items[*].spec.template.spec.containers[0].image}");
    expect(await images()).not.toContain("nginx:1.29");
    await shotBothThemes(shot, page(), "rollout-paused");
    await drawer().getByRole("button", { name: "Resume", exact: true }).click();
    await dialog(/^Resume web/)
      .getByRole("button", { name: "Resume", exact: true })
      .click();
    await expect.poll(images, { timeout: 30_000 }).toContain("nginx:1.29");
    await kubectl(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"]);
    await expect.poll(() => rollout().locator("[data-rollout-state]").getAttribute("data-rollout-state"), { timeout: 60_000 }).toBe("complete");
    await page().keyboard.press("Escape");
  });
});

describe("a CronJob", () => {
  it("reads its schedule in words in its time zone, with the next runs; suspends, resumes and runs now", async () => {
    await openList(page(), `${route("batch", "v1", "cronjobs")}/${ns}/nightly`);
    const words = drawer().locator("[data-cron-words]");
    await expect.poll(() => words.textContent(), { timeout: 30_000 }).toBe("At 09:00, Monday through Friday (Asia/Shanghai)");
    const next = drawer().getByRole("list", { name: "Next runs" }).getByRole("listitem");
    expect(await next.count()).toBe(3);
    // 09:00 in Shanghai, whatever zone the browser is in.
    expect(await next.first().textContent()).toMatch(/9:00:00 AM GMT\+8/);
    await shotBothThemes(shot, page(), "cronjob");

    await drawer().getByRole("button", { name: "Suspend", exact: true }).click();
    await dialog(/^Suspend nightly/)
      .getByRole("button", { name: "Suspend", exact: true })
      .click();
    await expect.poll(() => jsonpath(["cronjob", "nightly", "-n", ns], "{.spec.suspend}")).toBe("true");
    await expect.poll(() => drawer().getByText("Suspended: no Jobs start until it is resumed").count(), { timeout: 30_000 }).toBe(1);
    await drawer().getByRole("button", { name: "Resume", exact: true }).click();
    await dialog(/^Resume nightly/)
      .getByRole("button", { name: "Resume", exact: true })
      .click();
    await expect.poll(() => jsonpath(["cronjob", "nightly", "-n", ns], "{.spec.suspend}")).toBe("false");

    await drawer().getByRole("button", { name: "Run now", exact: true }).click();
    await dialog(/^Run now nightly/)
      .getByRole("button", { name: "Run now", exact: true })
      .click();
    await expect.poll(() => jsonpath(["jobs", "-n", ns], "{.items[*].metadata.ownerReferences[0].name}")).toBe("nightly");

    await page().keyboard.press("Escape");
    await page().getByRole("combobox", { name: "Language" }).click();
    await page().getByRole("option", { name: "中文（简体）" }).click();
    await openList(page(), `${route("batch", "v1", "cronjobs")}/${ns}/nightly`);
    await expect.poll(() => words.textContent()).toBe("在09:00, 星期一至星期五 (Asia/Shanghai)");
    await shotBothThemes(shot, page(), "cronjob-zh");
    // A broken rule is said in the user's language too.
    await drawer().getByRole("button", { name: "标签", exact: true }).click();
    const label = dialog(/^标签 nightly/);
    await label.getByRole("textbox").fill("env=not/valid");
    await expect.poll(() => label.textContent()).toContain('值 "not/valid" 必须以字母或数字开头和结尾');
    await label.getByRole("button", { name: "取消" }).click();
    await page().keyboard.press("Escape");
    await page().getByRole("combobox", { name: "语言" }).click();
    await page().getByRole("option", { name: "English" }).click();
  });
});

describe("a node's labels and taints, previewed", () => {
  const impact = (which: string) => dialog(/.*/).locator(`[data-impact="${which}"]`);

  it("shows the node as kubectl describe node does: roles, taints, and allocated resources with their share", async () => {
    await openList(page(), `${route("", "v1", "nodes")}/_/${node}`);
    const allocated = drawer().getByRole("table", { name: "Allocated resources" });
    await expect.poll(() => allocated.count(), { timeout: 30_000 }).toBe(1);
    // Once the node's DaemonSet pod is there, as kubectl describe counts it.
    await expect
      .poll(() => kubectl(["get", "pods", "-A", "--field-selector", `spec.nodeName=${node}`, "-o", "name"]), { timeout: 60_000 })
      .toMatch(/log-agent/);
    await expect.poll(() => allocated.getByRole("row", { name: "cpu" }).innerText(), { timeout: 30_000 }).toContain("10m");
    const described = await kubectl(["describe", "node", node]);
    // kubectl's "Allocated resources" rows: cpu 10m (0%) 0 (0%), as the UI's requests and limits cells.
    for (const resource of ["cpu", "memory"]) {
      const [, requests, limits] = new RegExp(`^\\s+${resource}\\s+(\\S+ \\(\\d+%\\))\\s+(\\S+ \\(\\d+%\\))`, "m").exec(described) ?? [];
      const cells = await allocated.getByRole("row", { name: resource }).getByRole("cell").allInnerTexts();
      expect([cells[3], cells[4]], resource).toEqual([requests, limits]);
    }
    expect(await drawer().getByRole("list", { name: "Taints" }).innerText()).toBe(`kd-ops=${id}:NoSchedule`);
    // The DaemonSet's pod: its requests and limits (10m cpu, 32Mi / 64Mi memory), read as kubectl does.
    await expect
      .poll(() => drawer().getByRole("table", { name: "Pods on this node" }).innerText(), { timeout: 30_000 })
      .toMatch(/demo\/log-agent-\w+\s+10m \/ —\s+32Mi \/ 64Mi/);
    await allocated.scrollIntoViewIfNeeded();
    await shotBothThemes(shot, page(), "node-details");
  });

  it("labeling the node disktype=nvme: the preview says the Pending pod could go there, and the scheduler puts it there", async () => {
    await apply(pod("wants-nvme", { nodeSelector: { disktype: "nvme" } }));
    await drawer().getByRole("button", { name: "Label", exact: true }).click();
    const label = dialog(new RegExp(`^Label ${node}`));
    await label.getByRole("textbox", { name: /^Changes/ }).fill("disktype=nvme");
    await expect.poll(() => impact("nowSchedulable").textContent(), { timeout: 30_000 }).toContain(`${ns}/wants-nvme`);
    // The node had disktype=hdd: the change says it overwrites it.
    expect(await label.getByRole("list", { name: "What changes" }).innerText()).toBe("overwrites disktype: hdd → nvme");
    // The seeded Pending pod asks for disktype=nvme too, but does not tolerate this node's taint: the preview names it.
    expect(await impact("stillBlocked").textContent()).toContain(`demo/unschedulable — taint kd-ops=${id}:NoSchedule not tolerated`);
    await shotBothThemes(shot, page(), "node-label-preview");
    await label.getByRole("button", { name: "Label", exact: true }).click();
    await expect.poll(() => jsonpath(["pod", "wants-nvme", "-n", ns], "{.spec.nodeName}"), { timeout: 60_000 }).toBe(node);
    expect(await jsonpath(["pod", "unschedulable", "-n", "demo"], "{.spec.nodeName}")).toBe("");
  });

  it("refuses a taint Kubernetes would refuse, naming the rule", async () => {
    await drawer().getByRole("button", { name: "Taint", exact: true }).click();
    const taint = dialog(new RegExp(`^Taint ${node}`));
    await taint.getByRole("textbox", { name: /^Taints/ }).fill("maintenance=now:Sometimes");
    await expect.poll(() => taint.getByRole("alert").textContent()).toContain('the effect must be NoSchedule, PreferNoSchedule or NoExecute, not "Sometimes"');
    expect(await taint.getByRole("button", { name: "Taint", exact: true }).isDisabled()).toBe(true);
    await taint.getByRole("button", { name: "Cancel" }).click();
  });

  it("a NoExecute taint's preview lists exactly the pods kubectl then sees evicted", async () => {
    for (const name of ["evict-a", "evict-b"]) await apply(pod(name, { nodeName: node }));
    await apply(pod("patient", { nodeName: node, tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", tolerationSeconds: 3600 }] }));
    await kubectl(["wait", "--for=condition=Ready", "pod/evict-a", "pod/evict-b", "pod/patient", "-n", ns, "--timeout=120s"]);
    // Each pod on the node, and whether it is being deleted.
    const onNode = async () => {
      const list = JSON.parse(await kubectl(["get", "pods", "-A", "--field-selector", `spec.nodeName=${node}`, "-o", "json"])) as {
        items: { metadata: { namespace: string; name: string; deletionTimestamp?: string } }[];
      };
      return list.items.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p.metadata.deletionTimestamp ?? ""]);
    };
    const before = (await onNode()).map(([name]) => name);

    await drawer().getByRole("button", { name: "Taint", exact: true }).click();
    const taint = dialog(new RegExp(`^Taint ${node}`));
    await taint.getByRole("textbox", { name: /^Taints/ }).fill("maintenance=now:NoExecute");
    const evicted = impact("evicted").getByRole("listitem");
    await expect.poll(() => evicted.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const listed = await evicted.allInnerTexts();
    const now = listed.filter((l) => l.endsWith("— at once")).map((l) => l.split(" — ")[0]);
    expect(now.sort()).toEqual([`${ns}/evict-a`, `${ns}/evict-b`, `${ns}/wants-nvme`]);
    expect(listed).toContain(`${ns}/patient — after 3600 s (its tolerationSeconds)`);
    await shotBothThemes(shot, page(), "node-taint-preview");
    await taint.getByRole("button", { name: "Show the request" }).click();
    expect(await taint.getByLabel("The request").innerText()).toMatch(/merge-patch[\s\S]*resourceVersion[\s\S]*key: maintenance[\s\S]*effect: NoExecute/);
    await taint.getByRole("button", { name: "Taint", exact: true }).click();
    await expect.poll(() => jsonpath(["node", node], "{.spec.taints[*].key}")).toBe(`kd-ops maintenance`);

    // The taint manager evicts (deletes) exactly those; the others stay.
    const gone = async () => {
      const now = await onNode();
      return before.filter((name) => !now.some(([n, deleting]) => n === name && !deleting)).sort();
    };
    await expect.poll(gone, { timeout: 60_000 }).toEqual(now.sort());
    expect((await onNode()).map(([n]) => n)).toContain(`${ns}/patient`);
    await page().keyboard.press("Escape");
  });

  it("drains through the Eviction API: a bare pod only when forced, blocked by a PodDisruptionBudget that it names, cancellable; then done", async () => {
    await kubectl(["taint", "node", node, "maintenance-"]);
    await apply({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "guarded", namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "guarded" } },
        template: {
          metadata: { labels: { app: "guarded" } },
          spec: {
            nodeSelector: { "kubernetes.io/hostname": node },
            tolerations: [{ key: fence.key, operator: "Exists", effect: "NoSchedule" }],
            containers: [{ name: "app", image: "nginx:1.27" }],
          },
        },
      },
    });
    await apply({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "guarded-pdb", namespace: ns },
      spec: { minAvailable: 2, selector: { matchLabels: { app: "guarded" } } },
    });
    await kubectl(["rollout", "status", "deployment/guarded", "-n", ns, "--timeout=120s"]);
    // The budget allows no disruption once it has counted the two healthy pods.
    await expect
      .poll(() => jsonpath(["pdb", "guarded-pdb", "-n", ns], "{.status.currentHealthy}/{.status.disruptionsAllowed}"), { timeout: 60_000 })
      .toBe("2/0");

    await openList(page(), `${route("", "v1", "nodes")}/_/${node}`);
    await drawer().getByRole("button", { name: "Drain", exact: true }).click();
    const drain = dialog(new RegExp(`^Drain ${node}`));
    // The bare pod (nothing recreates it) stops the drain until forced; the DaemonSet's pod is left.
    await expect.poll(() => drain.locator('[data-impact="refused"]').textContent(), { timeout: 30_000 }).toContain(`${ns}/patient — no controller manages it`);
    expect(await drain.locator('[data-impact="skip"]').textContent()).toMatch(/demo\/log-agent-\w+ — a DaemonSet's pod/);
    await drain.getByRole("checkbox", { name: /^Evict pods no controller manages/ }).check();
    await expect.poll(() => drain.locator('[data-impact="evict"]').getByRole("listitem").allInnerTexts()).toHaveLength(3);
    expect(await drain.locator('[data-impact="refused"]').count()).toBe(0);
    await shotBothThemes(shot, page(), "drain-plan");
    await drain.getByRole("button", { name: "Drain", exact: true }).click();

    const row = (name: string) => drain.getByRole("row", { name: `${ns}/${name}` });
    await expect.poll(() => row("patient").locator("[data-drain-state]").getAttribute("data-drain-state"), { timeout: 60_000 }).toBe("evicted");
    const guarded = drain.getByRole("row", { name: new RegExp(`^${ns}/guarded-`) });
    await expect
      .poll(() => guarded.first().textContent(), { timeout: 30_000 })
      .toContain("The disruption budget guarded-pdb needs 2 healthy pods and has 2 currently");
    expect(await jsonpath(["node", node], "{.spec.unschedulable}")).toBe("true");
    await shotBothThemes(shot, page(), "drain-blocked");
    await drain.getByRole("button", { name: "Stop the drain" }).click();
    await expect.poll(() => drain.getByRole("status").textContent()).toMatch(/^Cancelled after 1 of 3\. The node stays cordoned/);
    expect(await kubectl(["get", "pods", "-n", ns, "-l", "app=guarded", "--field-selector", `spec.nodeName=${node}`, "-o", "name"])).toMatch(
      /guarded-.*\n.*guarded-/,
    );
    await drain.getByRole("button", { name: "Close" }).click();

    // Without the budget, the drain finishes.
    await kubectl(["delete", "pdb", "guarded-pdb", "-n", ns]);
    await drawer().getByRole("button", { name: "Drain", exact: true }).click();
    const again = dialog(new RegExp(`^Drain ${node}`));
    await expect.poll(() => again.locator('[data-impact="evict"]').getByRole("listitem").count(), { timeout: 30_000 }).toBe(2);
    await again.getByRole("button", { name: "Drain", exact: true }).click();
    await expect.poll(() => again.getByRole("status").textContent(), { timeout: 90_000 }).toBe(`${node} is drained: 2 pods evicted.`);
    expect(await kubectl(["get", "pods", "-n", ns, "-l", "app=guarded", "--field-selector", `spec.nodeName=${node}`, "-o", "name"])).toBe("");
    await shot(page(), "drain-done");
    await again.getByRole("button", { name: "Close" }).click();
    await page().keyboard.press("Escape");
    expect(app.errors).toEqual([]);
  });
});

describe("kubectl run as a form", () => {
  it("runs the pod kubectl run would make, showing that command and the YAML first", async () => {
    await openList(page(), route("", "v1", "pods"));
    await page().getByRole("button", { name: "Run a pod" }).click();
    const form = dialog(/^Run a pod/);
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("hello");
    await form.getByRole("textbox", { name: "Namespace", exact: true }).fill(ns);
    await form.getByRole("textbox", { name: "Image", exact: true }).fill("busybox:1.36");
    await form.getByRole("textbox", { name: /^Container ports/ }).fill("8080");
    await form.getByRole("textbox", { name: /^Labels/ }).fill("app=hello");
    await form.getByRole("textbox", { name: /^Environment/ }).fill("MODE=test");
    await form.getByRole("textbox", { name: "Arguments after --" }).fill("sh -c 'echo hi; sleep 3600'");
    await form.getByRole("checkbox", { name: /^Replace the image's entrypoint/ }).check();
    await form.getByText("Never", { exact: true }).click();
    const command = `kubectl run hello -n ${ns} --image=busybox:1.36 --port=8080 --labels=app=hello --env=MODE=test --restart=Never --command -- sh -c 'echo hi; sleep 3600'`;
    await expect.poll(() => form.getByLabel("The same with kubectl:").innerText()).toBe(command);
    await shotBothThemes(shot, page(), "run-pod");
    // What kubectl itself makes of the same words (the server's dry run: defaults applied as to ours).
    const expected = JSON.parse(
      await kubectl([
        "run",
        "hello",
        "-n",
        ns,
        "--image=busybox:1.36",
        "--port=8080",
        "--labels=app=hello",
        "--env=MODE=test",
        "--restart=Never",
        "--dry-run=server",
        "-o",
        "json",
        "--command",
        "--",
        "sh",
        "-c",
        "echo hi; sleep 3600",
      ]),
    );
    await form.getByRole("button", { name: "Create the pod" }).click();
    await expect.poll(async () => (await kubectl(["get", "pod", "hello", "-n", ns, "--ignore-not-found", "-o", "name"])).trim()).toBe("pod/hello");
    const created = JSON.parse(await kubectl(["get", "pod", "hello", "-n", ns, "-o", "json"]));
    const pick = (p: { metadata: { labels: unknown }; spec: { restartPolicy: string; containers: Record<string, unknown>[] } }) => {
      const c = p.spec.containers[0];
      // Once bound, the pod is given its node's zone and region labels by the cluster: not part of what was sent.
      const labels = Object.fromEntries(Object.entries(p.metadata.labels as Record<string, string>).filter(([k]) => !k.startsWith("topology.kubernetes.io/")));
      return {
        labels,
        restartPolicy: p.spec.restartPolicy,
        container: { name: c.name, image: c.image, ports: c.ports, env: c.env, command: c.command, args: c.args },
      };
    };
    expect(pick(created)).toEqual(pick(expected));
    await page().keyboard.press("Escape");
  });
});

describe("objects that will not go", () => {
  it("removes the finalizers of an object stuck in deletion, after the name is typed", async () => {
    await apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "held", namespace: ns, finalizers: ["kubedeck.dev/hold"] }, data: { a: "b" } });
    await kubectl(["delete", "configmap", "held", "-n", ns, "--wait=false"]);
    await openList(page(), `${route("", "v1", "configmaps")}/${ns}/held`);
    await drawer().getByRole("button", { name: "Remove finalizers" }).click();
    const confirm = dialog(/^Remove finalizers held/);
    const button = confirm.getByRole("button", { name: "Remove finalizers" });
    expect(await button.isDisabled()).toBe(true);
    await confirm.getByRole("textbox", { name: "Type held to confirm" }).fill("held");
    await confirm.getByRole("button", { name: "Show the request" }).click();
    expect(await confirm.getByLabel("The request").innerText()).toMatch(/merge-patch[\s\S]*resourceVersion: "\d+"[\s\S]*finalizers: null/);
    await shotBothThemes(shot, page(), "remove-finalizers");
    await button.click();
    await expect.poll(() => kubectl(["get", "configmap", "held", "-n", ns, "--ignore-not-found", "-o", "name"])).toBe("");
  });

  it("force-deletes a pod with a grace period of 0, after the name is typed", async () => {
    await apply(pod("doomed", { nodeName: "sandbox-worker-1" }));
    await openList(page(), `${route("", "v1", "pods")}/${ns}/doomed`);
    await drawer().getByRole("button", { name: "Force delete" }).click();
    const confirm = dialog(/^Force delete doomed/);
    await confirm.getByRole("textbox", { name: "Type doomed to confirm" }).fill("doomed");
    await confirm.getByRole("button", { name: "Show the request" }).click();
    expect(await confirm.getByLabel("The request").innerText()).toMatch(/DELETE \/api\/v1\/namespaces\/.+\/pods\/doomed[\s\S]*gracePeriodSeconds: 0/);
    await confirm.getByRole("button", { name: "Force delete" }).click();
    await expect.poll(() => kubectl(["get", "pod", "doomed", "-n", ns, "--ignore-not-found", "-o", "name"])).toBe("");
  });

  it("deletes a pod with a grace period of its own, as kubectl delete --grace-period=7 does", async () => {
    // A finalizer holds the pod while it terminates (kwok deletes none that has one), so the grace period it got can be read.
    const held = pod("graceful", { nodeName: node });
    await apply({ ...held, metadata: { ...held.metadata, finalizers: ["kubedeck.test/hold"] } });
    await kubectl(["wait", "--for=condition=Ready", "pod/graceful", "-n", ns, "--timeout=60s"]);
    try {
      await openList(page(), `${route("", "v1", "pods")}/${ns}/graceful`);
      await drawer().getByRole("button", { name: "Delete", exact: true }).click();
      const confirm = dialog(/^Delete graceful/);
      await confirm.getByRole("textbox", { name: "Grace period in seconds (-1: each pod's own)" }).fill("7");
      await confirm.getByRole("button", { name: "Show the request" }).click();
      expect(await confirm.getByLabel("The request").innerText()).toMatch(/DELETE \/api\/v1\/namespaces\/.+\/pods\/graceful[\s\S]*gracePeriodSeconds: 7/);
      await shotBothThemes(shot, page(), "delete-grace-period");
      await confirm.getByRole("button", { name: "Delete", exact: true }).click();
      await expect.poll(() => jsonpath(["pod", "graceful", "-n", ns], "{.metadata.deletionGracePeriodSeconds}")).toBe("7");
    } finally {
      await kubectl(["patch", "pod", "graceful", "-n", ns, "--type=merge", "-p", '{"metadata":{"finalizers":null}}']).catch(() => {});
    }
    await expect.poll(() => kubectl(["get", "pod", "graceful", "-n", ns, "--ignore-not-found", "-o", "name"]), { timeout: 30_000 }).toBe("");
  });

  it("deletes a Job and leaves its pods (--cascade=orphan), or takes them with it", async () => {
    const job = (name: string) => ({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name, namespace: ns },
      spec: { template: { spec: { ...pod("x", { nodeName: node }).spec, restartPolicy: "Never" } } },
    });
    const podsOf = async (name: string) =>
      (await jsonpath(["pods", "-n", ns, "-l", `job-name=${name}`], "{.items[*].metadata.name}")).split(" ").filter(Boolean);
    for (const name of ["kept", "taken"]) await apply(job(name));
    for (const name of ["kept", "taken"]) await expect.poll(() => podsOf(name).then((p) => p.length), { timeout: 60_000 }).toBe(1);
    const [keptPod] = await podsOf("kept");

    const remove = async (name: string, cascade?: string) => {
      await openList(page(), `${route("batch", "v1", "jobs")}/${ns}/${name}`);
      await drawer().getByRole("button", { name: "Delete", exact: true }).click();
      const confirm = dialog(new RegExp(`^Delete ${name}`));
      const field = confirm.getByRole("combobox", { name: "What happens to the objects it owns (--cascade)" });
      expect(await field.inputValue()).toBe("They are deleted after it, in the background (kubectl's default)");
      if (cascade) {
        await field.click();
        await page().getByRole("option", { name: cascade }).click();
      }
      await confirm.getByRole("button", { name: "Show the request" }).click();
      const request = await confirm.getByLabel("The request").innerText();
      if (cascade) await shotBothThemes(shot, page(), "delete-job-orphan");
      await confirm.getByRole("button", { name: "Delete", exact: true }).click();
      await expect.poll(() => kubectl(["get", "job", name, "-n", ns, "--ignore-not-found", "-o", "name"]), { timeout: 30_000 }).toBe("");
      return request;
    };
    expect(await remove("kept", "They are kept and no longer owned (a Job's pods stay)")).toContain("propagationPolicy: Orphan");
    // The garbage collector lets go of the pod: it stays, owned by nothing.
    await expect.poll(() => jsonpath(["pod", keptPod, "-n", ns], "{.metadata.ownerReferences}"), { timeout: 30_000 }).toBe("");
    expect(await remove("taken")).toContain("propagationPolicy: Background");
    await expect.poll(() => podsOf("taken"), { timeout: 60_000 }).toEqual([]);
    expect(await podsOf("kept")).toEqual([keptPod]);
  });
});

describe("namespaces", () => {
  it("creates one as kubectl create namespace and kubectl label do, after a dry run; a name Kubernetes refuses is refused with its rule", async () => {
    const created = `kd-ops-new-${id}`;
    try {
      await openList(page(), route("", "v1", "namespaces"));
      await page().getByRole("button", { name: "Create namespace" }).click();
      const form = dialog(/^Create a namespace/);
      await form.getByRole("textbox", { name: "Name" }).fill("Team_Web");
      expect(await form.getByText("lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63").count()).toBe(1);
      expect(await form.getByRole("button", { name: "Create the namespace" }).isDisabled()).toBe(true);
      await form.getByRole("textbox", { name: "Name" }).fill(created);
      await form.getByRole("textbox", { name: "Labels (key=value, separated by spaces)" }).fill("team=web env=test");
      expect(await form.getByLabel("The same with kubectl:").innerText()).toBe(
        `kubectl create namespace ${created}\nkubectl label namespace ${created} team=web env=test`,
      );
      await shotBothThemes(shot, page(), "namespace-create");
      await form.getByRole("button", { name: "Create the namespace" }).click();
      // Its details open once it exists.
      await expect.poll(() => drawer().getByText(created, { exact: true }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await jsonpath(["namespace", created], "{.metadata.labels.team} {.metadata.labels.env} {.status.phase}")).toBe("web test Active");
      await page().keyboard.press("Escape");
    } finally {
      await kubectl(["delete", "namespace", created, "--wait=false", "--ignore-not-found"]);
    }
  });

  it("deleting one lists what it holds", async () => {
    await openList(page(), `${route("", "v1", "namespaces")}/_/${ns}`);
    await drawer().getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = dialog(new RegExp(`^Delete ${ns}`));
    const contents = confirm.getByRole("alert", { name: `Everything in ${ns} is deleted with it` });
    await expect
      .poll(() => contents.getByRole("listitem").allInnerTexts(), { timeout: 30_000 })
      .toEqual(expect.arrayContaining(["Deployments: 2", "CronJobs: 1"]));
    await shotBothThemes(shot, page(), "namespace-delete-contents");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await page().keyboard.press("Escape");
  });

  it("deletes all in a namespace as kubectl delete all --all does: workloads, services and pods go, config stays", async () => {
    const emptied = `kd-ops-all-${id}`;
    await kubectl(["create", "namespace", emptied]);
    try {
      await kubectl(["apply", "-f", "-"], nginxDeployment(emptied, "site"));
      await kubectl(["scale", "deployment", "site", "--replicas=2", "-n", emptied]);
      await kubectl(["create", "service", "clusterip", "site", "--tcp=80:80", "-n", emptied]);
      await kubectl(["create", "configmap", "settings", "--from-literal=a=b", "-n", emptied]);
      await kubectl(["rollout", "status", "deployment/site", "-n", emptied, "--timeout=120s"]);
      await openList(page(), `${route("", "v1", "namespaces")}/_/${emptied}`);
      await drawer().getByRole("button", { name: "Delete all in it" }).click();
      const confirm = dialog(new RegExp(`^Delete all in it ${emptied}`));
      const contents = confirm.getByRole("alert", { name: `What kubectl delete all deletes in ${emptied} now` });
      await expect
        .poll(() => contents.getByRole("listitem").allInnerTexts(), { timeout: 30_000 })
        .toEqual(expect.arrayContaining(["Deployments: 1", "ReplicaSets: 1", "Pods: 2", "Services: 1"]));
      expect(await contents.innerText()).not.toContain("ConfigMaps");
      await confirm.getByRole("textbox", { name: `Type ${emptied} to confirm` }).fill(emptied);
      await shotBothThemes(shot, page(), "namespace-delete-all");
      await confirm.getByRole("button", { name: "Delete all in it" }).click();
      // The owners go, and the garbage collector takes what they own.
      await expect
        .poll(async () => (await kubectl(["get", "deployments,replicasets,services,pods", "-n", emptied, "-o", "name"])).trim(), { timeout: 60_000 })
        .toBe("");
      expect((await kubectl(["get", "configmap", "settings", "-n", emptied, "-o", "name"])).trim()).toBe("configmap/settings");
      await page().keyboard.press("Escape");
    } finally {
      await kubectl(["delete", "namespace", emptied, "--wait=false", "--ignore-not-found"]);
    }
  });

  it("makes one the context's default in its kubeconfig file: one line changed, comments kept, a backup first", async () => {
    // A copy of the practice kubeconfig of its own (with a comment to keep), so other suites' files stay as they are.
    const dir = mkdtempSync(join(tmpdir(), "kubedeck-kubeconfig-"));
    const file = join(dir, "config");
    const original = `# my clusters: keep this comment\n${readFileSync(inject("kubeconfig"), "utf8")}`;
    writeFileSync(file, original, { mode: 0o600 });
    const userData = mkdtempSync(join(tmpdir(), "kubedeck-user-data-"));
    const serve = await startServe(["--kubeconfig", file, "--user-data", userData]);
    const browser = await launchChromium();
    try {
      const p = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme: "light", locale: "en-US" });
      await p.goto(serve.url);
      await openList(p, `${route("", "v1", "namespaces")}/_/${ns}`);
      const panel = p.getByRole("dialog").filter({ has: p.getByRole("tablist") });
      await panel.getByRole("button", { name: "Make default" }).click();
      const confirm = p.getByRole("dialog", { name: `Make ${ns} the default namespace` });
      expect(await confirm.getByRole("group", { name: "The change" }).innerText()).toContain(`-   namespace: default\n+   namespace: ${ns}`);
      await shot(p, "namespace-make-default");
      await confirm.getByRole("button", { name: "Make default" }).click();
      await expect.poll(() => panel.getByText("default of sandbox-admin").count(), { timeout: 30_000 }).toBe(1);
      // sandbox-admin's namespace (the first in the file) is the one line that changed.
      expect(readFileSync(file, "utf8")).toBe(original.replace("      namespace: default\n", `      namespace: ${ns}\n`));
      const backups = readdirSync(dir).filter((f) => f.startsWith("config.kubedeck-backup-"));
      expect(backups).toHaveLength(1);
      expect(readFileSync(join(dir, backups[0]), "utf8")).toBe(original);
    } finally {
      await browser.close();
      await serve.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(userData, { recursive: true, force: true });
    }
  });
});

describe("usage from metrics-server", () => {
  /** A row's cells by their column's header. */
  const cellsOf = (key: string) =>
    page()
      .locator("[role=grid]")
      .evaluate((grid, key) => {
        const headers = [...grid.querySelectorAll("[role=columnheader]")].map((h) => h.textContent?.trim() ?? "");
        const cells = [...(grid.querySelector(`[role=row][data-key="${key}"]`)?.querySelectorAll("[role=gridcell]") ?? [])].map((c) => c.textContent ?? "");
        return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
      }, key);
  const top = async (what: string[]) =>
    Object.fromEntries(
      (await kubectl(["top", ...what, "--no-headers"]))
        .trim()
        .split("\n")
        .map((l) => l.trim().split(/\s+/))
        .map(([name, cpu, ...rest]) => [name, [cpu, what[0] === "nodes" ? rest[1] : rest[0]]]),
    );

  const showUsageColumns = async () => {
    await page().getByRole("button", { name: "Columns" }).click();
    await page().getByRole("menuitem", { name: "CPU(cores)" }).click();
    await page().getByRole("menuitem", { name: "MEMORY(bytes)" }).click();
    await page().keyboard.press("Escape");
  };

  it("shows kubectl top's CPU and memory columns for pods and nodes, equal to kubectl top's within one scrape", async () => {
    await openList(page(), route("", "v1", "pods"));
    await showUsageColumns();
    // Both read metrics-server; they agree once the list's poll has read the scrape kubectl reads.
    await expect
      .poll(
        async () => {
          const [ui, cli] = await Promise.all([cellsOf("demo/myapp"), top(["pods", "-n", "demo"])]);
          return [ui["CPU(cores)"], ui["MEMORY(bytes)"]].join(" ") === cli.myapp?.join(" ") && /^\d+m$/.test(ui["CPU(cores)"] ?? "");
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    await shotBothThemes(shot, page(), "pods-top-columns");
    await openList(page(), route("", "v1", "nodes"));
    await showUsageColumns();
    await expect
      .poll(
        async () => {
          const [ui, cli] = await Promise.all([cellsOf("sandbox-worker-1"), top(["nodes"])]);
          return [ui["CPU(cores)"], ui["MEMORY(bytes)"]].join(" ") === cli["sandbox-worker-1"]?.join(" ");
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
  });

  it("shows each new metrics-server scrape within a few seconds of kubectl seeing it, not a scrape later", async () => {
    // What the page's polls read: when each of the node's samples first reached it.
    const pageRead = new Map<string, number>();
    const sample = /"name":"sandbox-worker-1","cpu":\d+,"memory":\d+,"timestamp":"([^"]+)"/;
    const read = ({ payload }: { payload: string | Buffer }) => {
      const at = typeof payload === "string" ? sample.exec(payload)?.[1] : undefined;
      if (at && !pageRead.has(at)) pageRead.set(at, Date.now());
    };
    // Read during this test only: the rest of the suite's frames are not scanned.
    const sockets: WebSocket[] = [];
    const listen = (ws: WebSocket) => sockets.push(ws.on("framereceived", read));
    page().on("websocket", listen);
    try {
      // The nodes list with its usage columns (the last test's), opened afresh: its polls start
      // without knowing when metrics-server scrapes.
      await page().reload();
      await expect.poll(() => cellsOf("sandbox-worker-1").then((c) => /^\d+m$/.test(c["CPU(cores)"] ?? "")), { timeout: 30_000 }).toBe(true);
      // When kubectl first reads each sample, asking every moment; the one it reads first is older than this test.
      const cliRead = new Map<string, number>();
      const raw = async () => {
        const item = JSON.parse(await kubectl(["get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes/sandbox-worker-1"])) as { timestamp: string };
        if (!cliRead.has(item.timestamp)) cliRead.set(item.timestamp, Date.now());
        return cliRead.size;
      };
      // Two scrapes after that: the first finds when the scrapes come, the second is polled for as they come.
      await expect.poll(raw, { timeout: 45_000, interval: 200 }).toBe(3);
      const [, first, second] = [...cliRead];
      await expect.poll(() => pageRead.has(second[0]), { timeout: 20_000 }).toBe(true);
      // A poll every 15 s, whatever the scrapes do, can read each one up to 15 s after kubectl does.
      for (const [at, seen] of [first, second]) expect(pageRead.get(at)! - seen, `sample ${at}`).toBeLessThan(5_000);
    } finally {
      page().off("websocket", listen);
      for (const ws of sockets) ws.off("framereceived", read);
    }
  });

  it("a pod's usage against its requests and limits, in its details", async () => {
    const agent = (await kubectl(["get", "pods", "-n", "demo", "-l", "app=log-agent", "--field-selector", "spec.nodeName=sandbox-worker-1", "-o", "name"]))
      .trim()
      .split("/")[1];
    await openList(page(), `${route("", "v1", "pods")}/demo/${agent}`);
    const usage = drawer().getByRole("table", { name: "Usage" });
    await expect
      .poll(() => usage.getByRole("row", { name: "memory" }).innerText(), { timeout: 30_000 })
      .toMatch(/memory\s+\d+Mi\s+32Mi \(\d+% used\)\s+64Mi \(\d+% used\)/);
    // Two scrapes make a line: what the pod used since its details were shown.
    await expect.poll(() => drawer().getByRole("img", { name: "Memory used since this view was opened" }).count(), { timeout: 60_000 }).toBe(1);
    expect(
      await drawer()
        .getByText(/^Memory: \d+ samples since shown/)
        .count(),
    ).toBe(1);
    await drawer().getByRole("img", { name: "Memory used since this view was opened" }).scrollIntoViewIfNeeded();
    await shotBothThemes(shot, page(), "pod-usage");
    await page().keyboard.press("Escape");
  });

  it("shows the cluster at a glance: nodes ready, pods by phase, and CPU requested of allocatable as the nodes and pods say", async () => {
    await page().getByRole("button", { name: "Overview", exact: true }).click();
    const overview = page().getByRole("region", { name: "Cluster overview" });
    const nodes = JSON.parse(await kubectl(["get", "nodes", "-o", "json"])) as {
      items: { status: { allocatable: { cpu: string }; conditions: { type: string; status: string }[] } }[];
    };
    const ready = nodes.items.filter((n) => n.status.conditions.some((c) => c.type === "Ready" && c.status === "True")).length;
    await expect.poll(() => overview.locator('[data-figure="nodes"]').textContent(), { timeout: 30_000 }).toBe(`${ready} of ${nodes.items.length} ready`);
    const millicores = nodes.items.reduce(
      (s, n) => s + (n.status.allocatable.cpu.endsWith("m") ? parseInt(n.status.allocatable.cpu) : Number(n.status.allocatable.cpu) * 1000),
      0,
    );
    expect(await overview.getByRole("group", { name: "CPU" }).locator('[data-figure="allocatable"]').textContent()).toBe(
      `Allocatable: ${millicores % 1000 ? `${millicores}m` : millicores / 1000}`,
    );
    await expect
      .poll(() => overview.getByRole("group", { name: "CPU" }).locator('[data-figure="used"]').textContent(), { timeout: 30_000 })
      .toMatch(/^Used: \d+m \(\d+% of allocatable\)$/);
    expect(await overview.getByRole("group", { name: "Pods by phase" }).innerText()).toMatch(/Running: \d+/);
    await overview.scrollIntoViewIfNeeded();
    await shotBothThemes(shot, page(), "cluster-overview");
  });

  it("shows a user of one namespace what is theirs, and names what they may not read", async () => {
    // sandbox-viewer may read namespace demo alone: no nodes, no metrics.k8s.io.
    await page().evaluate(() => (location.hash = "#/context/sandbox-viewer"));
    const overview = page().getByRole("region", { name: "Cluster overview" });
    await expect.poll(() => overview.locator('[data-figure="scope"]').textContent(), { timeout: 30_000 }).toContain("in namespace demo");
    expect(await overview.locator('[data-figure="not-allowed"]').textContent()).toBe("Not shown, as you may not: list nodes.");
    expect(await overview.locator('[data-figure="nodes"]').textContent()).toBe("—");
    await expect.poll(() => overview.getByRole("alert", { name: "Not allowed to read usage" }).count(), { timeout: 30_000 }).toBe(1);
    // Without the nodes there is no share of allocatable to give: the figure alone.
    expect(await overview.getByRole("group", { name: "CPU" }).locator('[data-figure="requested"]').textContent()).toMatch(/^Requested: \d+m?$/);
    // The pods by phase are demo's, as kubectl counts them (other suites change demo: both read again until they agree).
    const phases = async () => {
      const list = (await jsonpath(["pods", "-n", "demo"], "{.items[*].status.phase}")).split(" ").filter(Boolean);
      return [...new Set(list)].map((p) => `${p}: ${list.filter((x) => x === p).length}`).sort();
    };
    const shown = async () => (await overview.getByRole("group", { name: "Pods by phase" }).getByRole("listitem").allTextContents()).sort();
    await expect.poll(async () => JSON.stringify(await shown()) === JSON.stringify(await phases()), { timeout: 60_000 }).toBe(true);
    await overview.scrollIntoViewIfNeeded();
    await shotBothThemes(shot, page(), "overview-viewer");
    await page().evaluate(() => (location.hash = "#/context/sandbox-admin"));
  });

  it("shows each pod's labels as kubectl get --show-labels does, live, beside the usage columns, and filters by them", async () => {
    await openList(page(), route("", "v1", "pods"));
    await page().getByRole("button", { name: "Columns" }).click();
    await page().getByRole("menuitem", { name: "LABELS" }).click();
    await page().keyboard.press("Escape");
    const name = (await kubectl(["get", "pods", "-n", ns, "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}"])).trim();
    const kubectlLabels = async () => (await kubectl(["get", "pod", name, "-n", ns, "--show-labels", "--no-headers"])).trim().split(/\s+/).at(-1);
    const cells = () => cellsOf(`${ns}/${name}`);
    await expect.poll(async () => (await cells()).LABELS, { timeout: 30_000 }).toBe(await kubectlLabels());
    // The usage columns chosen before keep their own figures.
    await expect.poll(async () => (await cells())["CPU(cores)"], { timeout: 30_000 }).toMatch(/^\d+m$/);
    await kubectl(["label", "pod", name, "-n", ns, "shown=yes"]);
    await expect.poll(async () => (await cells()).LABELS, { timeout: 30_000 }).toContain("shown=yes");
    expect((await cells()).LABELS).toBe(await kubectlLabels());
    // The list's filter reads the labels too.
    await page().getByRole("textbox", { name: "Filter", exact: true }).fill("shown=yes");
    await expect.poll(() => page().locator("[role=grid] [role=row][data-key]").count()).toBe(1);
    await shotBothThemes(shot, page(), "show-labels");
    await page().getByRole("textbox", { name: "Filter", exact: true }).fill("");
  });

  it("says plainly when metrics-server is not answering, and shows figures again once it does", async () => {
    // A real outage: the APIService pointed at a service that does not exist, then put back.
    const service = await jsonpath(["apiservice", "v1beta1.metrics.k8s.io"], "{.spec.service.name}");
    const available = () => jsonpath(["apiservice", "v1beta1.metrics.k8s.io"], '{.status.conditions[?(@.type=="Available")].status}');
    try {
      await kubectl([
        "patch",
        "apiservice",
        "v1beta1.metrics.k8s.io",
        "--type=merge",
        "-p",
        JSON.stringify({ spec: { service: { name: "metrics-server-gone" } } }),
      ]);
      await expect.poll(available, { timeout: 60_000 }).toBe("False");
      // A fresh page: the answer "available" is kept a minute.
      await page().reload();
      await openList(page(), route("", "v1", "nodes"));
      const alert = page().getByRole("alert", { name: "metrics-server is not answering" });
      await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toMatch(/ServiceNotFound/);
      await shotBothThemes(shot, page(), "metrics-unavailable");
    } finally {
      await kubectl(["patch", "apiservice", "v1beta1.metrics.k8s.io", "--type=merge", "-p", JSON.stringify({ spec: { service: { name: service } } })]);
    }
    await expect.poll(available, { timeout: 60_000 }).toBe("True");
    expect(app.errors).toEqual([]);
  });
});

describe("in Simplified Chinese", () => {
  it("says the operations' screens in Chinese: the overview, a node's allocation, drain, a Job's delete and a new namespace", async () => {
    await inChinese(page(), async () => {
      await page().evaluate(() => (location.hash = "#/context/sandbox-admin"));
      const overview = page().getByRole("region", { name: "集群概览" });
      await expect.poll(() => overview.locator('[data-figure="nodes"]').textContent(), { timeout: 30_000 }).toMatch(/^\d+ \/ \d+ 就绪$/);
      await overview.scrollIntoViewIfNeeded();
      await shotBothThemes(shot, page(), "overview-zh");

      await openList(page(), `${route("", "v1", "nodes")}/_/${node}`);
      // A label's and a taint's previews, said in Chinese.
      await drawer().getByRole("button", { name: "标签", exact: true }).click();
      const label = dialog(/^标签/);
      await label.getByRole("textbox").fill("disktype=ssd");
      await expect.poll(() => label.getByRole("list").count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await shotBothThemes(shot, page(), "node-label-preview-zh");
      await label.getByRole("button", { name: "取消" }).click();
      await drawer().getByRole("button", { name: "污点", exact: true }).click();
      const taint = dialog(/^污点/);
      await taint.getByRole("textbox").fill("zh-check=now:NoExecute");
      await expect.poll(() => taint.getByRole("alert").count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await shotBothThemes(shot, page(), "taint-preview-zh");
      await taint.getByRole("button", { name: "取消" }).click();
      await drawer().getByRole("button", { name: "排空", exact: true }).click();
      const drain = dialog(/^排空/);
      await expect.poll(() => drain.getByRole("checkbox").count()).toBeGreaterThan(0);
      await shotBothThemes(shot, page(), "drain-zh");
      await drain.getByRole("button", { name: "取消" }).click();
      await page().keyboard.press("Escape");

      // Suspended: it makes no pods; its delete still asks what becomes of them.
      await apply({
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "zh-job", namespace: ns },
        spec: { suspend: true, template: { spec: { ...pod("x", {}).spec, restartPolicy: "Never" } } },
      });
      await openList(page(), `${route("batch", "v1", "jobs")}/${ns}/zh-job`);
      await drawer().getByRole("button", { name: "删除", exact: true }).click();
      const remove = dialog(/^删除 zh-job/);
      expect(await remove.getByRole("combobox", { name: "它所拥有的对象如何处理（--cascade）" }).inputValue()).toBe("随后在后台删除（kubectl 的默认方式）");
      await shotBothThemes(shot, page(), "delete-job-zh");
      await remove.getByRole("button", { name: "取消" }).click();
      await page().keyboard.press("Escape");

      await openList(page(), `${route("apps", "v1", "deployments")}/${ns}/web`);
      await drawer().getByRole("tab", { name: "滚动更新" }).click();
      await expect.poll(() => drawer().getByRole("table").count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await shotBothThemes(shot, page(), "rollout-zh");
      await page().keyboard.press("Escape");

      await openList(page(), route("", "v1", "pods"));
      await page().getByRole("button", { name: "运行 Pod" }).click();
      const run = dialog(/^运行 Pod/);
      await run.getByRole("textbox", { name: "名称", exact: true }).fill("hello");
      await shotBothThemes(shot, page(), "run-pod-zh");
      await run.getByRole("button", { name: "取消" }).click();

      await openList(page(), route("", "v1", "namespaces"));
      await page().getByRole("button", { name: "创建命名空间" }).click();
      const form = dialog(/^创建命名空间/);
      await form.getByRole("textbox", { name: "名称" }).fill("Bad_Name");
      await expect.poll(() => form.getByText("小写字母、数字和 '-'，以字母或数字开头和结尾，最多 63 个字符").count()).toBe(1);
      await shotBothThemes(shot, page(), "namespace-create-zh");
      await form.getByRole("button", { name: "取消" }).click();
    });
    expect(app.errors).toEqual([]);
  });
});
