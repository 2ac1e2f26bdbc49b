// The guided wizards in Chromium against the practice cluster: what each creates is read back
// with kubectl and decodes to what was entered; the cluster's dry run speaks before anything
// exists; bad input is said on its field and blocks Create; the YAML editor is a way out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selfSignedCertificate } from "./sandbox/certificate.ts";
import { inChinese, screenshotter } from "./browser.ts";
import { kubectl, openApp, openList, shotBothThemes, type AppUnderTest } from "./suite.ts";

const shot = screenshotter("wizards");
const ns = `kd-wiz-${Date.now().toString(36)}`;
const files = mkdtempSync(join(tmpdir(), "kubedeck-wizard-files-"));
let app: AppUnderTest;
const page = () => app.page;
const list = (resource: string) => `#/context/sandbox-admin/r/core/v1/${resource}`;
const dialog = (name: string | RegExp) => page().getByRole("dialog", { name });
const decode = (b64: string) => Buffer.from(b64, "base64");

/** Closes the details panel a create opened, once it is there (an Escape pressed before it opens is lost, and it would cover the page). */
async function closeDetails(name: string, namespaced = true) {
  const details = page().getByRole("dialog", { name: new RegExp(`${namespaced ? `${ns}/` : ""}${name}$`) });
  await expect.poll(() => details.count(), { timeout: 15_000 }).toBe(1);
  await page().keyboard.press("Escape");
  await expect.poll(() => details.count()).toBe(0);
}

/**
 * Leaves the editor a wizard opened on its change (in Chinese). The change is text not yet
 * applied, so the editor keeps it as a draft a moment after it opens, and Cancel becomes
 * "Close, keep the draft": wait for that, then throw the draft away, leaving none behind.
 */
async function discardWizardDraft(editor: Locator) {
  const discard = editor.getByRole("button", { name: "丢弃草稿" });
  await expect.poll(() => discard.count(), { timeout: 15_000 }).toBe(1);
  await discard.click();
  await expect.poll(() => editor.count()).toBe(0);
}

/** The wizard's Next (held back while its step has a problem). */
const next = (wizard: Locator) => wizard.getByRole("button", { name: "Next", exact: true }).click();
const nextHeldBack = (wizard: Locator) => wizard.getByRole("button", { name: "Next", exact: true }).isDisabled();
/** On through the steps to Review, whose dry run must accept what is shown, then Create. */
async function reviewAndCreate(wizard: Locator) {
  const button = wizard.getByRole("button", { name: "Next", exact: true });
  while (await button.count()) await button.click();
  await expect.poll(() => wizard.getByText("The cluster's dry run accepts it.").count(), { timeout: 15_000 }).toBe(1);
  await wizard.getByRole("button", { name: "Create", exact: true }).click();
}

/** Picks files in the chooser a button opens, as a user does. */
async function choose(button: ReturnType<AppUnderTest["page"]["getByRole"]>, paths: string[]) {
  const [chooser] = await Promise.all([page().waitForEvent("filechooser"), button.click()]);
  await chooser.setFiles(paths);
}

beforeAll(async () => {
  app = await openApp();
  await kubectl(["create", "namespace", ns]);
});

afterAll(async () => {
  await kubectl(["delete", "namespace", ns, "--wait=false"]);
  await app?.close();
  rmSync(files, { recursive: true, force: true });
});

describe("configuration wizard", () => {
  it("makes a ConfigMap from a literal, files (one binary) and an env-file, immutable, as kubectl reads it back", async () => {
    writeFileSync(join(files, "app.properties"), "color=blue\nsize=large\n");
    writeFileSync(join(files, "logo.bin"), Buffer.from([0xff, 0x00, 0xfe, 0x41]));
    await openList(page(), `${list("configmaps")}`);
    await page().getByRole("button", { name: "New ConfigMap…" }).click();
    const wizard = dialog("New ConfigMap");
    await wizard.getByLabel("Name", { exact: true }).fill("settings");
    await wizard.getByLabel("Namespace").fill(ns);
    await wizard.getByRole("checkbox", { name: "Immutable" }).check();
    await next(wizard);
    await wizard.getByRole("textbox", { name: "Key" }).fill("mode");
    await wizard.getByRole("textbox", { name: "Value" }).fill("production");
    await choose(wizard.getByRole("button", { name: "Add files…" }), [join(files, "app.properties"), join(files, "logo.bin")]);
    await expect.poll(() => wizard.getByText("from a file (4 bytes, binary)").count()).toBe(1);
    // A bad env-file line is said with its line, and holds back Next.
    const env = wizard.getByRole("textbox", { name: "From an env-file" });
    await env.fill("LOG_LEVEL=debug\nnot a pair");
    await expect.poll(() => wizard.getByText(/^line 2: "not a pair": give NAME=value/).count()).toBe(1);
    expect(await nextHeldBack(wizard)).toBe(true);
    await env.fill("LOG_LEVEL=debug\n# comment\nGREETING=hello world");
    await expect
      .poll(() => wizard.getByLabel("The same with kubectl:").innerText())
      .toBe(
        `kubectl create configmap settings -n ${ns} --from-literal=mode=production --from-file=app.properties=FILE --from-file=logo.bin=FILE --from-env-file=FILE && kubectl patch configmap settings -n ${ns} -p '{"immutable":true}'`,
      );
    await shotBothThemes(shot, page(), "configmap");
    await reviewAndCreate(wizard);
    await expect.poll(() => page().evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`${list("configmaps")}/${ns}/settings`);
    const cm = JSON.parse(await kubectl(["get", "configmap", "settings", "-n", ns, "-o", "json"]));
    expect(cm.data).toEqual({ mode: "production", "app.properties": "color=blue\nsize=large\n", LOG_LEVEL: "debug", GREETING: "hello world" });
    expect([...decode(cm.binaryData["logo.bin"])]).toEqual([0xff, 0x00, 0xfe, 0x41]);
    expect(cm.immutable).toBe(true);
    await closeDetails("settings");
  });

  it("says what the cluster's dry run refuses, creating nothing, and opens the YAML editor as a way out", async () => {
    await page().getByRole("button", { name: "New ConfigMap…" }).click();
    const wizard = dialog("New ConfigMap");
    await wizard.getByLabel("Name", { exact: true }).fill("settings");
    await wizard.getByLabel("Namespace").fill(ns);
    await next(wizard);
    await wizard.getByRole("textbox", { name: "Key" }).fill("mode");
    await wizard.getByRole("textbox", { name: "Value" }).fill("staging");
    await next(wizard);
    // Review: the cluster's dry run refuses it in its own words, and Create stays held back.
    await expect.poll(() => wizard.getByRole("alert").innerText(), { timeout: 15_000 }).toMatch(/already exists/);
    expect(await wizard.getByRole("button", { name: "Create", exact: true }).isDisabled()).toBe(true);
    await shot(page(), "configmap-refused");
    expect(JSON.parse(await kubectl(["get", "configmap", "settings", "-n", ns, "-o", "json"])).data.mode).toBe("production");
    await wizard.getByRole("button", { name: "Name and options", exact: true }).click();
    await wizard.getByLabel("Name", { exact: true }).fill("settings-two");
    await wizard.getByRole("button", { name: "Open in the YAML editor" }).click();
    const editor = dialog("Create or apply YAML");
    await expect.poll(() => editor.getByText("name: settings-two").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await editor.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => editor.count()).toBe(0);
  });

  it("makes a TLS Secret only from a certificate and its own key, checked by main, values hidden on screen", async () => {
    const [cert, key, other] = ["tls.crt", "tls.key", "other.key"].map((n) => join(files, n));
    await selfSignedCertificate({ commonName: "shop.kd.example", subjectAltName: "DNS:shop.kd.example", days: 30, keyOut: key, certOut: cert });
    await selfSignedCertificate({ commonName: "other", days: 30, keyOut: other, certOut: join(files, "other.crt") });
    await openList(page(), list("secrets"));
    await page().getByRole("button", { name: "New Secret…" }).click();
    const wizard = dialog("New Secret");
    await wizard.getByLabel("Name", { exact: true }).fill("shop-tls");
    await wizard.getByLabel("Namespace").fill(ns);
    await wizard.getByLabel("Type", { exact: true }).click();
    await page().getByRole("option", { name: "TLS certificate and key" }).click();
    await next(wizard);
    await choose(wizard.getByRole("button", { name: "Load from a file…" }).first(), [cert]);
    await wizard.getByRole("textbox", { name: "Private key (PEM)" }).fill("not a key");
    await expect.poll(() => wizard.getByText("not a PEM PRIVATE KEY (-----BEGIN PRIVATE KEY-----)").count()).toBe(1);
    await wizard.getByRole("textbox", { name: "Private key (PEM)" }).fill(readFileSync(other, "utf8"));
    await expect.poll(() => wizard.getByRole("status").innerText(), { timeout: 15_000 }).toMatch(/This key is not the certificate's/);
    expect(await nextHeldBack(wizard)).toBe(true);
    await wizard.getByRole("textbox", { name: "Private key (PEM)" }).fill(readFileSync(key, "utf8"));
    await expect
      .poll(() => wizard.getByRole("status").innerText(), { timeout: 15_000 })
      .toMatch(/The key is the certificate's\s+Subject: CN=shop.kd.example\s+Names: DNS:shop.kd.example/);
    const yaml = await wizard.getByLabel(/^What is sent/).innerText();
    expect(yaml).toMatch(/tls\.key: \(hidden, \d+ bytes\)/);
    expect(yaml).not.toContain("PRIVATE");
    await shotBothThemes(shot, page(), "secret-tls");
    await reviewAndCreate(wizard);
    await expect.poll(() => page().evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`${list("secrets")}/${ns}/shop-tls`);
    const s = JSON.parse(await kubectl(["get", "secret", "shop-tls", "-n", ns, "-o", "json"]));
    expect(s.type).toBe("kubernetes.io/tls");
    expect(decode(s.data["tls.crt"]).toString()).toBe(readFileSync(cert, "utf8"));
    expect(decode(s.data["tls.key"]).toString()).toBe(readFileSync(key, "utf8"));
    await closeDetails("shop-tls");
  });

  it("makes a registry login, a basic-auth and a generic Secret that decode to what was typed", async () => {
    const make = async (type: string | undefined, name: string, fill: (w: ReturnType<typeof dialog>) => Promise<void>) => {
      await page().getByRole("button", { name: "New Secret…" }).click();
      const wizard = dialog("New Secret");
      await wizard.getByLabel("Name", { exact: true }).fill(name);
      await wizard.getByLabel("Namespace").fill(ns);
      if (type) {
        await wizard.getByLabel("Type", { exact: true }).click();
        await page().getByRole("option", { name: type }).click();
      }
      await next(wizard);
      await fill(wizard);
      const command = await wizard.getByLabel("The same with kubectl:").innerText();
      expect(command).not.toMatch(/s3cr3t/);
      await reviewAndCreate(wizard);
      await expect.poll(() => page().evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`${list("secrets")}/${ns}/${name}`);
      await closeDetails(name);
      const s = JSON.parse(await kubectl(["get", "secret", name, "-n", ns, "-o", "json"]));
      return { type: s.type, data: Object.fromEntries(Object.entries(s.data as Record<string, string>).map(([k, v]) => [k, decode(v).toString()])) };
    };
    const docker = await make("Registry login (docker-registry)", "registry-login", async (w) => {
      await w.getByLabel("Registry", { exact: true }).fill("registry.kd.example:5000");
      await w.getByLabel("User", { exact: true }).fill("ci");
      await w.getByLabel("Password", { exact: true }).fill("s3cr3t");
    });
    expect(docker.type).toBe("kubernetes.io/dockerconfigjson");
    expect(JSON.parse(docker.data[".dockerconfigjson"])).toEqual({
      auths: { "registry.kd.example:5000": { username: "ci", password: "s3cr3t", auth: Buffer.from("ci:s3cr3t").toString("base64") } },
    });
    const basic = await make("Basic authentication", "web-login", async (w) => {
      await w.getByLabel("User", { exact: true }).fill("admin");
      await w.getByLabel("Password", { exact: true }).fill("s3cr3t ✓");
    });
    expect(basic).toEqual({ type: "kubernetes.io/basic-auth", data: { username: "admin", password: "s3cr3t ✓" } });
    const generic = await make(undefined, "db", async (w) => {
      await w.getByRole("textbox", { name: "Key" }).fill("password");
      await w.getByLabel("Value").fill("s3cr3t");
      await w.getByRole("textbox", { name: "From an env-file" }).fill("DB_USER=app");
    });
    expect(generic).toEqual({ type: "Opaque", data: { password: "s3cr3t", DB_USER: "app" } });
  });

  it("reads in Chinese", async () => {
    await inChinese(page(), async () => {
      await page().getByRole("button", { name: "新建 Secret…" }).click();
      const wizard = dialog("新建 Secret");
      await expect.poll(() => wizard.getByText("Secret 把密码、令牌和密钥与使用它们的 Pod 分开保存", { exact: false }).count()).toBe(1);
      await wizard.getByLabel("名称", { exact: true }).fill("Bad_Name");
      await expect.poll(() => wizard.getByText("只能包含小写字母、数字、“-”和“.”", { exact: false }).count()).toBe(1);
      expect(await wizard.getByRole("button", { name: "下一步", exact: true }).isDisabled()).toBe(true);
      await shotBothThemes(shot, page(), "secret-zh");
      await wizard.getByLabel("名称", { exact: true }).fill("zh-secret");
      await wizard.getByRole("button", { name: "下一步", exact: true }).click();
      await expect.poll(() => wizard.getByRole("button", { name: "添加键" }).count()).toBe(1);
      await shotBothThemes(shot, page(), "secret-zh-data");
      await page().keyboard.press("Escape");
    });
    expect(app.errors).toEqual([]);
  });
});

describe("scheduling wizard", () => {
  const name = "web";
  const deployments = `#/context/sandbox-admin/r/apps/v1/deployments`;
  const predictedRow = (wizard: ReturnType<typeof dialog>, node: string) =>
    wizard.getByRole("table", { name: "Where the pods would run" }).locator(`tr[data-node="${node}"]`);
  const cellsOf = async (row: ReturnType<typeof predictedRow>) => (await row.innerText()).split("\t").map((s) => s.trim());
  const template = async () => JSON.parse(await kubectl(["get", "deployment", name, "-n", ns, "-o", "json"]));

  beforeAll(async () => {
    // Recreate: the old pods go before the new ones are placed, so where they land is the new rules' doing alone.
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: ns },
      spec: {
        replicas: 3,
        strategy: { type: "Recreate" },
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name }, annotations: { team: "blue" } },
          spec: {
            nodeSelector: { "kubernetes.io/os": "linux" },
            containers: [{ name: "web", image: "nginx:1.27", env: [{ name: "MODE", value: "demo" }], resources: { requests: { cpu: "50m" } } }],
          },
        },
      },
    };
    await kubectl(["apply", "-f", "-"], JSON.stringify(deployment));
  });

  it("predicts per node from the form, checks each step, and changes only the template's scheduling fields; the pods land as predicted", async () => {
    const before = (await template()).spec.template;
    await page().evaluate((h) => (location.hash = h), `${deployments}/${ns}/${name}`);
    await page().getByRole("button", { name: "Scheduling…" }).click();
    const wizard = dialog(`Scheduling of deployments/${name}`);
    // The form starts from the template: its node selector is there.
    const firstLabel = wizard.getByRole("group", { name: "Node selector (nodeSelector) 1" });
    await expect.poll(() => firstLabel.getByLabel("Key").inputValue()).toBe("kubernetes.io/os");
    // The tutorial's disktype=ssd: the hdd nodes fail on it, by name.
    await wizard.getByRole("button", { name: "Add a label" }).click();
    const second = wizard.getByRole("group", { name: "Node selector (nodeSelector) 2" });
    await second.getByLabel("Key").fill("disktype");
    await second.getByLabel("Value").fill("ssd");
    await expect.poll(async () => (await cellsOf(predictedRow(wizard, "sandbox-worker-2")))[1]).toBe("needs disktype=ssd, has hdd");
    await expect.poll(async () => (await cellsOf(predictedRow(wizard, "sandbox-worker-1")))[1]).toBe("Yes");
    // A step with a mistake says it on the field and keeps Next back.
    await wizard.getByRole("button", { name: "Add a term" }).click();
    const term = wizard.getByRole("group", { name: "Required node affinity Term 1 · 1" });
    await term.getByLabel("Key").fill("node.kubernetes.io/instance-type");
    await term.getByLabel("Operator").click();
    await page().getByRole("option", { name: "Gt", exact: true }).click();
    await term.getByLabel("Values").fill("large");
    await expect.poll(() => wizard.getByText("Gt takes exactly one whole number").count()).toBe(1);
    expect(await wizard.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    await wizard.getByRole("button", { name: "Remove Term 1" }).click();
    await shotBothThemes(shot, page(), "scheduling-nodes");
    await wizard.getByRole("button", { name: "Next" }).click();

    // Other pods: one per host, by the workload's own labels. Two ssd hosts for three replicas: one stays Pending, and the wizard warns.
    await wizard.getByRole("button", { name: "Add a rule" }).click();
    await expect.poll(() => wizard.getByText("0 placed pods match now").count()).toBe(1);
    await expect.poll(() => wizard.getByText("2 of 3 would be placed. 1 would stay Pending: no node passes for it.").count()).toBe(1);
    await expect
      .poll(() => wizard.getByText(/Required anti-affinity over kubernetes.io\/hostname allows one of these pods per domain: 2 domains for 3 replicas/).count())
      .toBe(1);
    await shotBothThemes(shot, page(), "scheduling-pods");
    await wizard.getByRole("button", { name: "Next" }).click();

    // Taints: offered from the nodes; tolerating the GPU taint lets worker-4 past it, but not past disktype.
    await wizard.getByRole("button", { name: "Tolerate dedicated=gpu:NoSchedule" }).click();
    await expect.poll(async () => (await cellsOf(predictedRow(wizard, "sandbox-worker-4")))[1]).toBe("needs disktype=ssd, has hdd");
    await shotBothThemes(shot, page(), "scheduling-taints");
    await wizard.getByRole("button", { name: "Spread" }).click();
    await shotBothThemes(shot, page(), "scheduling-spread");
    await wizard.getByRole("button", { name: "Review" }).click();

    // The patch of the scheduling fields alone, the cluster's dry run, then Apply.
    await expect.poll(() => wizard.getByText("The cluster's dry run accepts it.").count(), { timeout: 15_000 }).toBe(1);
    const patch = await wizard.getByLabel("The JSON patch").innerText();
    expect(patch).toContain("path: /spec/template/spec/nodeSelector");
    expect(patch).toContain("path: /spec/template/spec/affinity");
    expect(patch).not.toContain("containers");
    await shotBothThemes(shot, page(), "scheduling-review");
    await wizard.getByRole("button", { name: "Apply" }).click();

    // Where they landed, beside the prediction: one on each ssd host, one Pending.
    const landed = wizard.getByRole("table", { name: "Where the pods landed" });
    const row = (node: string) => landed.locator(`tr[data-node="${node}"]`);
    await expect.poll(async () => (await cellsOf(row("sandbox-worker-1")))[2], { timeout: 60_000 }).toBe("1");
    await expect.poll(async () => (await cellsOf(row("sandbox-worker-3")))[2], { timeout: 60_000 }).toBe("1");
    await expect.poll(async () => (await cellsOf(row("")))[2], { timeout: 60_000 }).toBe("1");
    expect((await cellsOf(row("sandbox-worker-1")))[1]).toBe("1");
    expect((await cellsOf(row("")))[1]).toBe("1");
    await shotBothThemes(shot, page(), "scheduling-landed");

    // kubectl sees the scheduling fields changed and nothing else of the template.
    const after = (await template()).spec.template;
    expect(after.spec.nodeSelector).toEqual({ "kubernetes.io/os": "linux", disktype: "ssd" });
    expect(after.spec.affinity).toEqual({
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: name } }, topologyKey: "kubernetes.io/hostname" }],
      },
    });
    expect(after.spec.tolerations).toEqual([{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }]);
    const { nodeSelector: _a, affinity: _b, tolerations: _c, ...rest } = after.spec;
    const { nodeSelector: _d, ...restBefore } = before.spec;
    expect(rest).toEqual(restBefore);
    expect(after.metadata).toEqual(before.metadata);
    expect((await template()).metadata.annotations["kubernetes.io/change-cause"]).toBe("kubedeck scheduling: nodeSelector, affinity, tolerations");

    await wizard.getByRole("button", { name: "Close" }).click();
    // The Deployment's details name its pod that has a problem.
    const podProblems = page().getByRole("region", { name: "Problems of its pods" });
    await expect.poll(() => podProblems.getByText("1 of its 3 pods has a problem").count(), { timeout: 20_000 }).toBe(1);
    await shot(page(), "workload-problems");
    // The Pending pod's "Why?" opens its problems, whose fix opens the wizard again on the Deployment.
    const pods = JSON.parse(await kubectl(["get", "pods", "-n", ns, "-l", `app=${name}`, "-o", "json"])).items as {
      metadata: { name: string };
      spec: { nodeName?: string };
    }[];
    const pending = pods.find((p) => !p.spec.nodeName)!.metadata.name;
    expect(await podProblems.innerText()).toMatch(new RegExp(`${pending}\\s+Pending`));
    await podProblems.getByRole("button", { name: `Why is ${pending} not running?` }).click();
    const problems = page().getByRole("region", { name: "Problems" });
    await expect.poll(() => problems.getByRole("table", { name: "Each node, and what keeps the pod off it" }).count(), { timeout: 20_000 }).toBe(1);
    await problems.getByRole("button", { name: `Change where Deployment ${name} may run…` }).click();
    await expect.poll(() => dialog(`Scheduling of deployments/${name}`).count()).toBe(1);
    await shot(page(), "scheduling-from-problem");
    await dialog(`Scheduling of deployments/${name}`).getByRole("button", { name: "Cancel" }).click();
    await closeDetails(pending);
  });

  it("reads in Chinese, and the YAML editor takes the change as a way out", async () => {
    await inChinese(page(), async () => {
      await page().evaluate((h) => (location.hash = h), `${deployments}/${ns}/${name}`);
      await page().getByRole("button", { name: "调度规则…" }).click();
      const wizard = dialog(`deployments/${name} 的调度规则`);
      await expect.poll(() => wizard.getByText("调度器为每个新 Pod 选择节点", { exact: false }).count()).toBe(1);
      // Every step, in Chinese and both themes.
      for (const [step, name] of [
        ["节点", "nodes"],
        ["其他 Pod", "pods"],
        ["污点", "taints"],
        ["检查", "review"],
      ] as const) {
        await wizard.getByRole("button", { name: step, exact: true }).click();
        await shotBothThemes(shot, page(), `scheduling-zh-${name}`);
      }
      await wizard.getByRole("button", { name: "分布" }).click();
      await wizard.getByRole("button", { name: "添加约束" }).click();
      await expect.poll(() => wizard.getByRole("table", { name: "Pod 会运行在哪里" }).count()).toBe(1);
      await shotBothThemes(shot, page(), "scheduling-zh");
      await wizard.getByRole("button", { name: "在 YAML 编辑器中打开" }).click();
      const editor = dialog(`编辑 ${ns}/${name}`);
      // The new constraint ends the template's spec: at the end of the text.
      const lines = editor.locator(".view-lines");
      await expect.poll(() => lines.innerText(), { timeout: 15_000 }).toContain("apiVersion");
      await lines.click();
      await page().keyboard.press("Control+End");
      await expect.poll(async () => (await lines.innerText()).replace(/\u00a0/g, " ")).toContain("topologySpreadConstraints:");
      await discardWizardDraft(editor);
      await closeDetails(name);
    });
    expect(app.errors).toEqual([]);
  });
});

describe("using a ConfigMap or Secret in a workload", () => {
  const name = "api";
  beforeAll(async () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "api", image: "nginx:1.27" }] } },
      },
    };
    await kubectl(["apply", "-f", "-"], JSON.stringify(deployment));
  });
  const container = async () => JSON.parse(await kubectl(["get", "deployment", name, "-n", ns, "-o", "json"])).spec.template.spec;

  it("mounts chosen keys of a ConfigMap as files, and puts a Secret's key in a variable, as kubectl then reads the template", async () => {
    // From the ConfigMap the configuration wizard made: its details offer the namespace's workloads.
    await page().evaluate((h) => (location.hash = h), `${list("configmaps")}/${ns}/settings`);
    await page().getByRole("button", { name: "Use in a workload…" }).click();
    await page().getByRole("menuitem", { name, exact: true }).click();
    const wizard = dialog(`Use a ConfigMap, Secret or claim in deployments/${name}`);
    await expect.poll(() => wizard.getByRole("combobox", { name: "From" }).inputValue()).toBe("settings");
    await next(wizard);
    await wizard.getByRole("radio", { name: /As files in a folder/ }).check();
    await wizard.getByRole("checkbox", { name: "Only some keys, at paths I choose" }).check();
    await wizard.getByRole("checkbox", { name: "app.properties" }).check();
    await wizard.getByLabel("File for app.properties").fill("conf/app.properties");
    await next(wizard);
    await expect.poll(() => wizard.getByText("The cluster's dry run accepts it.").count(), { timeout: 15_000 }).toBe(1);
    await shotBothThemes(shot, page(), "use-config-volume");
    await wizard.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => wizard.count()).toBe(0);
    await expect
      .poll(async () => (await container()).volumes)
      .toEqual([{ name: "settings", configMap: { name: "settings", items: [{ key: "app.properties", path: "conf/app.properties" }], defaultMode: 420 } }]);
    expect((await container()).containers[0].volumeMounts).toEqual([{ name: "settings", mountPath: "/etc/settings", readOnly: true }]);
    await closeDetails("settings");

    // From the Deployment: a Secret's chosen key as a variable, named as kubectl set env names it.
    await page().evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/apps/v1/deployments/${ns}/${name}`);
    await page().getByRole("button", { name: "Use a ConfigMap, Secret or claim…" }).click();
    const again = dialog(`Use a ConfigMap, Secret or claim in deployments/${name}`);
    await again.getByText("Secret", { exact: true }).click();
    await again.getByRole("combobox", { name: "From" }).click();
    await page().getByRole("option", { name: "db", exact: true }).click();
    await next(again);
    await again.getByRole("radio", { name: /Chosen keys as variables/ }).check();
    await again.getByRole("checkbox", { name: "password" }).check();
    await expect.poll(() => again.getByLabel("Variable for password").inputValue()).toBe("PASSWORD");
    await expect
      .poll(() => again.getByLabel("The same with kubectl:").innerText())
      .toBe(`kubectl set env deployment/${name} -n ${ns} -c api --from=secret/db --keys=password`);
    // The same key again as files: the volume name the ConfigMap took is refused on its field.
    await again.getByRole("radio", { name: /As files in a folder/ }).check();
    await again.getByLabel("Volume name").fill("settings");
    await expect.poll(() => again.getByText("The pod already has a volume named settings").count()).toBe(1);
    expect(await nextHeldBack(again)).toBe(true);
    await again.getByRole("radio", { name: /Chosen keys as variables/ }).check();
    await again.getByRole("checkbox", { name: "password" }).check();
    await next(again);
    await expect.poll(() => again.getByText("The cluster's dry run accepts it.").count(), { timeout: 15_000 }).toBe(1);
    await again.getByRole("button", { name: "Apply" }).click();
    await expect
      .poll(async () => (await container()).containers[0].env)
      .toEqual([{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }]);
    await closeDetails(name);
    expect(app.errors).toEqual([]);
  });
});

describe("storage wizard", () => {
  const pv = `${ns}-disk`;
  beforeAll(async () => {
    // A volume of the static class of the test's own, found by its label: the claim's selector asks for it.
    const volume = {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: pv, labels: { "kd-wiz": ns } },
      spec: {
        capacity: { storage: "4Gi" },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Delete",
        storageClassName: "manual",
        hostPath: { path: `/tmp/${pv}` },
      },
    };
    await kubectl(["apply", "-f", "-"], JSON.stringify(volume));
  });
  // The volumes the volume wizard makes (cluster-wide, so named for this run).
  const made = [`${ns}-waiting`, `${ns}-nfs`];
  afterAll(() => kubectl(["delete", "pv", pv, ...made, "--wait=false", "--ignore-not-found"]));

  it("predicts the volume a claim binds, says why the others do not fit, checks the size's unit, and the claim binds as predicted", async () => {
    await openList(page(), `${list("persistentvolumeclaims")}`);
    await page().getByRole("button", { name: "New claim…" }).click();
    const wizard = dialog("New PersistentVolumeClaim");
    await wizard.getByLabel("Name", { exact: true }).fill("data");
    await wizard.getByLabel("Namespace").fill(ns);
    // The default class provisions: said with its provisioner.
    await expect
      .poll(() => wizard.getByText("No existing volume fits: sandbox.kubedeck.dev/hostpath will make a new one.").count(), { timeout: 15_000 })
      .toBe(1);
    await wizard.getByRole("combobox", { name: "StorageClass" }).click();
    await page().getByRole("option", { name: "manual", exact: true }).click();
    await expect.poll(() => wizard.getByRole("note", { name: "What this class does" }).innerText()).toContain("This class has no provisioner");
    await next(wizard);
    await wizard.getByLabel("Size", { exact: true }).fill("3GB");
    await expect.poll(() => wizard.getByText('"3GB" is not a size', { exact: false }).count()).toBe(1);
    expect(await nextHeldBack(wizard)).toBe(true);
    await wizard.getByLabel("Size", { exact: true }).fill("3Gi");
    await next(wizard);
    await wizard.getByRole("button", { name: "Add a label" }).click();
    await wizard.getByRole("textbox", { name: "Key" }).fill("kd-wiz");
    await wizard.getByRole("textbox", { name: "Value" }).fill(ns);
    const binding = wizard.getByRole("region", { name: "Which volume it would get" });
    await expect.poll(() => binding.getByRole("status").innerText()).toBe(`The PV controller would bind it to ${pv}: the smallest volume that fits.`);
    // Every other volume says why not: the seeded claim's volume is bound, the dynamic ones are of another class.
    const row = (v: string) => binding.locator(`tr[data-volume="${v}"]`);
    const seeded = (await kubectl(["get", "pvc", "data-pvc", "-n", "demo", "-o", "jsonpath={.spec.volumeName}"])).trim();
    expect(await row(seeded).innerText()).toContain("bound to demo/data-pvc");
    await shotBothThemes(shot, page(), "claim");
    await reviewAndCreate(wizard);
    await expect.poll(() => page().evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`${list("persistentvolumeclaims")}/${ns}/data`);
    await expect
      .poll(async () => (await kubectl(["get", "pvc", "data", "-n", ns, "-o", "jsonpath={.status.phase}/{.spec.volumeName}"])).trim(), { timeout: 60_000 })
      .toBe(`Bound/${pv}`);
    await closeDetails("data");

    // A claim no volume fits, of a class that makes none, would stay Pending: said before anything is sent.
    await page().getByRole("button", { name: "New claim…" }).click();
    await wizard.getByLabel("Name", { exact: true }).fill("huge");
    await wizard.getByRole("combobox", { name: "StorageClass" }).click();
    await page().getByRole("option", { name: "manual", exact: true }).click();
    await next(wizard);
    await wizard.getByLabel("Size", { exact: true }).fill("500Gi");
    await expect
      .poll(() => binding.getByRole("status").innerText())
      .toBe("No volume fits and this class makes none: the claim would stay Pending until a fitting volume appears.");
    expect(await row("sandbox-pv-08").innerText()).toContain("20Gi is less than 500Gi");
    await wizard.getByRole("button", { name: "Cancel" }).click();
    expect(app.errors).toEqual([]);
  });

  it("a claim that waits for its first pod binds on that pod's node once a Deployment mounts it, then grows; a class that forbids growing is refused", async () => {
    const store = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "store", namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "store" } },
        template: { metadata: { labels: { app: "store" } }, spec: { containers: [{ name: "store", image: "redis:7" }] } },
      },
    };
    await kubectl(["apply", "-f", "-"], JSON.stringify(store));
    await openList(page(), `${list("persistentvolumeclaims")}`);
    await page().getByRole("button", { name: "New claim…" }).click();
    const wizard = dialog("New PersistentVolumeClaim");
    await wizard.getByLabel("Name", { exact: true }).fill("cache");
    await wizard.getByLabel("Namespace").fill(ns);
    await wizard.getByRole("combobox", { name: "StorageClass" }).click();
    await page().getByRole("option", { name: "standard-wait", exact: true }).click();
    const binding = wizard.getByRole("region", { name: "Which volume it would get" });
    await expect
      .poll(() => binding.getByRole("status").innerText())
      .toBe(
        "No volume is chosen yet: this class waits for the first pod that mounts the claim, then sandbox.kubedeck.dev/hostpath makes one on that pod's node.",
      );
    await reviewAndCreate(wizard);
    await expect
      .poll(() => page().evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 })
      .toBe(`${list("persistentvolumeclaims")}/${ns}/cache`);
    // Its details say why it is Pending, and that this is expected.
    const notice = page().getByRole("region", { name: "Why the claim is not ready" });
    await expect.poll(() => notice.innerText(), { timeout: 15_000 }).toContain("Waiting for its first pod (WaitForFirstConsumer)");
    await shotBothThemes(shot, page(), "claim-waits");

    // Mounted from the claim's details, with what its binding and access mode mean for this Deployment.
    await page().getByRole("button", { name: "Mount in a workload…" }).click();
    await page().getByRole("menuitem", { name: "store", exact: true }).click();
    const mount = dialog("Use a ConfigMap, Secret or claim in deployments/store");
    await expect.poll(() => mount.getByRole("combobox", { name: "From" }).inputValue()).toBe("cache");
    await next(mount);
    const notes = mount.getByRole("region", { name: "What this claim means here" });
    await expect.poll(() => notes.innerText(), { timeout: 15_000 }).toContain("cache waits for its first consumer (WaitForFirstConsumer)");
    expect(await notes.innerText()).toContain("cache is ReadWriteOnce: it is attached to one node at a time.");
    await mount.getByLabel("Folder in the container").fill("/var/cache");
    await mount.getByLabel("Sub-folder of the volume (optional)").fill("../up");
    await expect.poll(() => mount.getByText('"../up" is not a relative path inside the folder').count()).toBe(1);
    expect(await nextHeldBack(mount)).toBe(true);
    await mount.getByLabel("Sub-folder of the volume (optional)").fill("store");
    await shotBothThemes(shot, page(), "mount-claim");
    await next(mount);
    await expect.poll(() => mount.getByText("The cluster's dry run accepts it.").count(), { timeout: 15_000 }).toBe(1);
    await mount.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => mount.count()).toBe(0);
    const template = JSON.parse(await kubectl(["get", "deployment", "store", "-n", ns, "-o", "json"])).spec.template.spec;
    expect(template.volumes).toEqual([{ name: "cache", persistentVolumeClaim: { claimName: "cache" } }]);
    expect(template.containers[0].volumeMounts).toEqual([{ name: "cache", mountPath: "/var/cache", subPath: "store" }]);

    // The pod is scheduled, so the claim binds: its volume is made on the pod's node, and the notice goes.
    await expect
      .poll(async () => (await kubectl(["get", "pvc", "cache", "-n", ns, "-o", "jsonpath={.status.phase}"])).trim(), { timeout: 60_000 })
      .toBe("Bound");
    const volume = (await kubectl(["get", "pvc", "cache", "-n", ns, "-o", "jsonpath={.spec.volumeName}"])).trim();
    // The scheduler binds the pod that mounts it once the claim is bound: wait for that pod's node.
    const podNode = async () =>
      (await kubectl(["get", "pods", "-n", ns, "-o", 'jsonpath={.items[?(@.spec.volumes[0].persistentVolumeClaim.claimName=="cache")].spec.nodeName}'])).trim();
    await expect.poll(podNode, { timeout: 30_000 }).toMatch(/^sandbox-/);
    const pinned = await kubectl(["get", "pv", volume, "-o", "jsonpath={.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}"]);
    expect(pinned.trim()).toBe(await podNode());
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(0);

    // Growing it: a smaller size is refused before anything is sent; the class allows it, and the resizer follows.
    await page().getByRole("button", { name: "Expand", exact: true }).click();
    const expand = dialog("Expand cache");
    await expand.getByLabel("New size").fill("512Mi");
    await expect.poll(() => expand.getByRole("alert").innerText()).toBe("512Mi is not more than the 1Gi the claim has: a claim can only grow");
    await expand.getByLabel("New size").fill("2Gi");
    await expect
      .poll(() => expand.getByRole("region", { name: "What expanding does" }).innerText(), { timeout: 15_000 })
      .toContain("Class standard-wait allows expansion");
    await shotBothThemes(shot, page(), "expand-claim");
    await expand.getByRole("button", { name: "Expand", exact: true }).click();
    await expect
      .poll(async () => (await kubectl(["get", "pvc", "cache", "-n", ns, "-o", "jsonpath={.status.capacity.storage}"])).trim(), { timeout: 30_000 })
      .toBe("2Gi");
    expect((await kubectl(["get", "pv", volume, "-o", "jsonpath={.spec.capacity.storage}"])).trim()).toBe("2Gi");
    await closeDetails("cache");

    // The static claim of the first test: its class does not allow growing, as the dialog says and the API server answers.
    await page().evaluate((h) => (location.hash = h), `${list("persistentvolumeclaims")}/${ns}/data`);
    await page().getByRole("button", { name: "Expand", exact: true }).click();
    const refused = dialog("Expand data");
    await refused.getByLabel("New size").fill("8Gi");
    await expect
      .poll(() => refused.getByRole("region", { name: "What expanding does" }).innerText(), { timeout: 15_000 })
      .toContain("Class manual does not allow expansion (allowVolumeExpansion is not true): the API server will refuse.");
    await refused.getByRole("button", { name: "Expand", exact: true }).click();
    await expect
      .poll(() => page().getByRole("alert").filter({ hasText: "only dynamically provisioned pvc can be resized" }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect((await kubectl(["get", "pvc", "data", "-n", ns, "-o", "jsonpath={.spec.resources.requests.storage}"])).trim()).toBe("3Gi");
    if (await refused.count()) await refused.getByRole("button", { name: "Cancel" }).click();
    await closeDetails("data");
    expect(app.errors).toEqual([]);
  });

  it("makes a volume for a claim no volume fits, which then binds it; and the tutorial's NFS volume, checked field by field", async () => {
    // A claim of the static class that no pool volume fits (7Gi, and asking for a label none has).
    const waiting = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "waiting", namespace: ns },
      spec: {
        storageClassName: "manual",
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "7Gi" } },
        selector: { matchLabels: { "kd-wiz-vol": ns } },
      },
    };
    await kubectl(["apply", "-f", "-"], JSON.stringify(waiting));
    await page().evaluate((h) => (location.hash = h), `${list("persistentvolumeclaims")}/${ns}/waiting`);
    const notice = page().getByRole("region", { name: "Why the claim is not ready" });
    await expect.poll(() => notice.innerText(), { timeout: 15_000 }).toContain("No volume fits");
    // Only the volumes of its class are listed, each with its reasons; the others are counted.
    expect(await notice.innerText()).toContain("sandbox-pv-08 (20Gi): labels do not match the selector");
    expect(await notice.innerText()).not.toContain("class standard");
    expect(await notice.innerText()).toMatch(/\d+ volumes? of (another class|other classes), which a claim never binds/);
    await notice.getByRole("button", { name: "New volume for this claim…" }).click();
    const wizard = dialog("New PersistentVolume");
    // The claim's needs are filled in; a folder on the node holds it.
    expect(await wizard.getByLabel("Name", { exact: true }).inputValue()).toBe(`${ns}-waiting`);
    await wizard.getByText("Folder on the node", { exact: true }).click();
    await wizard.getByRole("textbox", { name: "Folder on the node" }).fill(`/tmp/${ns}-waiting`);
    await next(wizard);
    expect(await wizard.getByLabel("Capacity", { exact: true }).inputValue()).toBe("7Gi");
    const takers = wizard.getByRole("region", { name: "Which claim would take it" });
    await expect
      .poll(() => takers.getByRole("status").innerText(), { timeout: 15_000 })
      .toBe(`The PV controller would bind ${ns}/waiting to it as soon as it exists: the smallest volume that fits that claim.`);
    await shotBothThemes(shot, page(), "volume-for-claim");
    await reviewAndCreate(wizard);
    await expect
      .poll(() => page().evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 })
      .toBe(`#/context/sandbox-admin/r/core/v1/persistentvolumes/_/${ns}-waiting`);
    await expect
      .poll(async () => (await kubectl(["get", "pvc", "waiting", "-n", ns, "-o", "jsonpath={.status.phase}/{.spec.volumeName}"])).trim(), { timeout: 60_000 })
      .toBe(`Bound/${ns}-waiting`);
    await closeDetails(`${ns}-waiting`, false);

    // The tutorial's pv0003: NFS, 5Gi, Retain, class slow, mount options hard and nfsvers=4.1.
    await openList(page(), "#/context/sandbox-admin/r/core/v1/persistentvolumes");
    await page().getByRole("button", { name: "New volume…" }).click();
    await wizard.getByLabel("Name", { exact: true }).fill(`${ns}-nfs`);
    await wizard.getByLabel("NFS server").fill("not a host");
    await expect.poll(() => wizard.getByText('"not a host" is not a server name or address').count()).toBe(1);
    expect(await nextHeldBack(wizard)).toBe(true);
    await wizard.getByLabel("NFS server").fill("172.17.0.2");
    await wizard.getByLabel("Exported path").fill("/tmp");
    await wizard.getByLabel("Mount options").fill("hard\nnfsvers=4.1");
    await next(wizard);
    await wizard.getByLabel("Capacity", { exact: true }).fill("5Gi");
    await wizard.getByText("Block", { exact: true }).click();
    await expect.poll(() => wizard.getByText("NFS shares files: it has no Block mode").count()).toBe(1);
    await wizard.getByText("Filesystem", { exact: true }).click();
    await wizard.getByRole("radio", { name: "Delete" }).check();
    await expect.poll(() => wizard.getByText("Nothing in the cluster can delete this storage", { exact: false }).count()).toBe(1);
    await wizard.getByRole("radio", { name: "Retain" }).check();
    await next(wizard);
    await wizard.getByRole("combobox", { name: "StorageClass" }).fill("slow");
    await expect.poll(() => takers.getByRole("status").innerText()).toBe("No waiting claim fits it: it will be Available until a claim asks for what it has.");
    await shotBothThemes(shot, page(), "volume-nfs");
    await reviewAndCreate(wizard);
    await expect
      .poll(() => page().evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 })
      .toBe(`#/context/sandbox-admin/r/core/v1/persistentvolumes/_/${ns}-nfs`);
    const nfs = JSON.parse(await kubectl(["get", "pv", `${ns}-nfs`, "-o", "json"]));
    expect(nfs.spec).toEqual({
      capacity: { storage: "5Gi" },
      accessModes: ["ReadWriteOnce"],
      persistentVolumeReclaimPolicy: "Retain",
      storageClassName: "slow",
      volumeMode: "Filesystem",
      mountOptions: ["hard", "nfsvers=4.1"],
      nfs: { server: "172.17.0.2", path: "/tmp" },
    });
    await closeDetails(`${ns}-nfs`, false);

    // A local disk needs its node: said, then pinned by node affinity in what is sent. In Chinese.
    await inChinese(page(), async () => {
      await page().getByRole("button", { name: "新建卷…" }).click();
      const zh = dialog("新建 PersistentVolume");
      await zh.getByText("本地磁盘", { exact: true }).click();
      await zh.getByLabel("名称", { exact: true }).fill(`${ns}-local`);
      await zh.getByLabel("磁盘在节点上的路径").fill("/mnt/disks/ssd1");
      await expect.poll(() => zh.getByText("local 卷位于节点自己的磁盘上：请选择拥有该磁盘的节点").count()).toBe(1);
      await zh.getByLabel("拥有该磁盘的节点").click();
      await page().getByRole("option", { name: "sandbox-worker-1", exact: true }).click();
      await expect.poll(() => zh.getByLabel(/^将发送的内容/).innerText()).toContain("- sandbox-worker-1");
      await shotBothThemes(shot, page(), "volume-local-zh");
      await zh.getByRole("button", { name: "取消" }).click();
      await expect.poll(() => zh.count()).toBe(0);
    });
    expect(app.errors).toEqual([]);
  });
});

describe("deploy an app", () => {
  const next = (wizard: ReturnType<typeof dialog>) => wizard.getByRole("button", { name: "Next", exact: true }).click();

  it("makes a Deployment with its ports, variables, resources, probe, a NodePort Service and an Ingress, each step checked", async () => {
    await openList(page(), "#/context/sandbox-admin/r/apps/v1/deployments");
    await page().getByRole("button", { name: "Deploy an app…" }).click();
    const wizard = dialog("Deploy an app");
    await wizard.getByLabel("Name", { exact: true }).fill("shop");
    await wizard.getByLabel("Namespace").fill(ns);
    await wizard.getByLabel("Image").fill("nginx:1.27");
    await wizard.getByLabel("Replicas").fill("2");
    await shotBothThemes(shot, page(), "deploy-what");
    await next(wizard);

    await wizard.getByRole("button", { name: "Add a port" }).click();
    await wizard.getByRole("textbox", { name: "Name (optional)" }).fill("http");
    await wizard.getByRole("textbox", { name: "Port", exact: true }).fill("80");
    await wizard.getByRole("button", { name: "Add a variable" }).click();
    await wizard.getByRole("textbox", { name: "Name", exact: true }).fill("MODE");
    await wizard.getByRole("textbox", { name: "Value" }).fill("prod");
    // A variable from a ConfigMap's key, the key offered from the ConfigMap; one from the pod's own fields.
    await kubectl(["create", "configmap", "shop-settings", "-n", ns, "--from-literal=color=blue"]);
    await wizard.getByRole("button", { name: "Add a variable" }).click();
    await wizard.getByRole("textbox", { name: "Name", exact: true }).nth(1).fill("COLOR");
    await wizard.getByRole("combobox", { name: "Where COLOR's value comes from" }).click();
    await page().getByRole("option", { name: "ConfigMap key" }).click();
    await wizard.getByRole("combobox", { name: "ConfigMap", exact: true }).click();
    await page().getByRole("option", { name: "shop-settings" }).click();
    await wizard.getByRole("combobox", { name: "Key", exact: true }).click();
    await page().getByRole("option", { name: "color", exact: true }).click();
    await wizard.getByRole("button", { name: "Add a variable" }).click();
    await wizard.getByRole("textbox", { name: "Name", exact: true }).nth(2).fill("POD");
    await wizard.getByRole("combobox", { name: "Where POD's value comes from" }).click();
    await page().getByRole("option", { name: "Pod field" }).click();
    const field = wizard.getByRole("combobox", { name: "Pod field", exact: true });
    await field.fill("status.phase");
    // Said on its row (and where the YAML would be).
    await expect.poll(() => wizard.getByText('"status.phase" is not a pod field a variable can read', { exact: false }).first().isVisible()).toBe(true);
    expect(await nextHeldBack(wizard)).toBe(true);
    await field.fill("metadata.name");
    await page().keyboard.press("Escape");
    await wizard.getByLabel("CPU request").fill("100m");
    await wizard.getByLabel("Memory request").fill("64Mi");
    await wizard.getByLabel("CPU limit").fill("100m");
    await wizard.getByLabel("Memory limit").fill("32Mi");
    // A request over its limit is said on its field and holds back Next.
    await expect.poll(() => wizard.getByLabel("Memory request").getAttribute("aria-invalid")).toBe("true");
    expect(await wizard.getByText("The memory request 64Mi is more than its limit 32Mi").first().isVisible()).toBe(true);
    expect(await wizard.getByRole("button", { name: "Next", exact: true }).isDisabled()).toBe(true);
    await wizard.getByLabel("Memory limit").fill("64Mi");
    await expect
      .poll(() => wizard.getByRole("note", { name: "Quality of service" }).innerText())
      .toMatch(/^Guaranteed: CPU and memory each have a limit equal/);
    await shotBothThemes(shot, page(), "deploy-container");
    await next(wizard);

    const readiness = wizard.getByRole("group", { name: "Readiness" });
    await readiness.getByText("HTTP GET", { exact: true }).click();
    await readiness.getByLabel("Path").fill("/healthz");
    await readiness.getByLabel("Port", { exact: true }).fill("http");
    // Hooks: an HTTP GET after the start, a pause before the stop.
    const postStart = wizard.getByRole("group", { name: "postStart" });
    await postStart.getByText("HTTP GET", { exact: true }).click();
    await postStart.getByLabel("Path").fill("/warm");
    await postStart.getByLabel("Port", { exact: true }).fill("99999");
    await expect.poll(() => postStart.getByText('"99999"', { exact: false }).count()).toBe(1);
    expect(await nextHeldBack(wizard)).toBe(true);
    await postStart.getByLabel("Port", { exact: true }).fill("http");
    await wizard.getByRole("group", { name: "preStop" }).getByText("Sleep", { exact: true }).click();
    await shotBothThemes(shot, page(), "deploy-health");
    await next(wizard);

    await wizard.getByRole("radio", { name: "NodePort", exact: true }).check();
    await wizard.getByRole("checkbox", { name: "Reach it over HTTP from outside (Ingress)" }).check();
    await wizard.getByLabel("Host", { exact: true }).fill("Shop!");
    await expect.poll(() => wizard.getByLabel("Host", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await wizard.getByText('"Shop!" is not a host name', { exact: false }).first().isVisible()).toBe(true);
    await wizard.getByLabel("Host", { exact: true }).fill("shop.kd.example");
    await shotBothThemes(shot, page(), "deploy-expose");
    await next(wizard);
    await expect.poll(() => wizard.getByText("Only a StatefulSet makes a claim per replica", { exact: false }).count()).toBe(1);
    await next(wizard);

    await expect.poll(() => wizard.getByRole("status").innerText(), { timeout: 15_000 }).toBe("The cluster's dry run accepts all 3 objects.");
    await shotBothThemes(shot, page(), "deploy-review");
    await wizard.getByRole("button", { name: "Create", exact: true }).click();
    const done = wizard.getByRole("region", { name: "Created" });
    await expect
      .poll(async () => (await done.innerText()).replace(/\n+/g, "\n"), { timeout: 15_000 })
      .toBe("Created\ndeployments/shop\nservices/shop\ningresses/shop\nChoose where it runs…");

    const deployment = JSON.parse(await kubectl(["get", "deployment", "shop", "-n", ns, "-o", "json"]));
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).toBe(2);
    expect(container.ports).toEqual([{ name: "http", containerPort: 80, protocol: "TCP" }]);
    expect(container.env).toEqual([
      { name: "MODE", value: "prod" },
      { name: "COLOR", valueFrom: { configMapKeyRef: { name: "shop-settings", key: "color" } } },
      { name: "POD", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
    ]);
    expect(container.lifecycle).toEqual({ postStart: { httpGet: { path: "/warm", port: "http", scheme: "HTTP" } }, preStop: { sleep: { seconds: 5 } } });
    expect(container.resources).toEqual({ requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "100m", memory: "64Mi" } });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/healthz", port: "http", scheme: "HTTP" });
    const service = JSON.parse(await kubectl(["get", "service", "shop", "-n", ns, "-o", "json"]));
    expect(service.spec.type).toBe("NodePort");
    expect(service.spec.ports[0]).toMatchObject({ name: "http", port: 80, targetPort: "http" });
    expect(service.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const ingress = JSON.parse(await kubectl(["get", "ingress", "shop", "-n", ns, "-o", "json"]));
    expect(ingress.spec.rules[0]).toEqual({
      host: "shop.kd.example",
      http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop", port: { name: "http" } } } }] },
    });
    // kwok runs the pods: both become ready, and their QoS class is what the wizard said.
    await expect
      .poll(async () => (await kubectl(["get", "deployment", "shop", "-n", ns, "-o", "jsonpath={.status.readyReplicas}"])).trim(), { timeout: 60_000 })
      .toBe("2");
    expect((await kubectl(["get", "pods", "-n", ns, "-l", "app=shop", "-o", "jsonpath={.items[0].status.qosClass}"])).trim()).toBe("Guaranteed");

    // The scheduling wizard takes over for the new workload.
    await done.getByRole("button", { name: "Choose where it runs…" }).click();
    const scheduling = dialog("Scheduling of deployments/shop");
    await expect.poll(() => scheduling.count(), { timeout: 15_000 }).toBe(1);
    await scheduling.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => scheduling.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("gives a StatefulSet its headless Service and a bound claim per replica", async () => {
    await openList(page(), "#/context/sandbox-admin/r/apps/v1/statefulsets");
    await page().getByRole("button", { name: "Deploy an app…" }).click();
    const wizard = dialog("Deploy an app");
    expect(await wizard.getByRole("radio", { name: "StatefulSet" }).isChecked()).toBe(true);
    await wizard.getByLabel("Name", { exact: true }).fill("db");
    await wizard.getByLabel("Namespace").fill(ns);
    await wizard.getByLabel("Image").fill("redis:7");
    await wizard.getByLabel("Replicas").fill("2");
    await next(wizard);
    await wizard.getByRole("button", { name: "Add a port" }).click();
    await wizard.getByRole("textbox", { name: "Port", exact: true }).fill("6379");
    await next(wizard);
    await next(wizard);
    await next(wizard);
    await wizard.getByRole("button", { name: "Add a claim template" }).click();
    await expect.poll(() => wizard.getByText("Claims data-db-0, data-db-1 … one per replica").count()).toBe(1);
    await shotBothThemes(shot, page(), "deploy-storage");
    await next(wizard);
    await expect.poll(() => wizard.getByRole("status").innerText(), { timeout: 15_000 }).toBe("The cluster's dry run accepts all 2 objects.");
    await wizard.getByRole("button", { name: "Create", exact: true }).click();
    await expect.poll(() => wizard.getByRole("region", { name: "Created" }).count(), { timeout: 15_000 }).toBe(1);
    await wizard.getByRole("button", { name: "Close" }).click();
    expect((await kubectl(["get", "service", "db-headless", "-n", ns, "-o", "jsonpath={.spec.clusterIP}"])).trim()).toBe("None");
    for (const claim of ["data-db-0", "data-db-1"])
      await expect
        .poll(async () => (await kubectl(["get", "pvc", claim, "-n", ns, "-o", "jsonpath={.status.phase}", "--ignore-not-found"])).trim(), { timeout: 90_000 })
        .toBe("Bound");
    expect(app.errors).toEqual([]);
  });

  it("reads a CronJob's schedule in Chinese, refuses an unknown time zone, and creates it", async () => {
    await openList(page(), "#/context/sandbox-admin/r/batch/v1/cronjobs");
    await inChinese(page(), async () => {
      await page().getByRole("button", { name: "部署应用…" }).click();
      const wizard = dialog("部署应用");
      await wizard.getByLabel("名称", { exact: true }).fill("report");
      await wizard.getByLabel("命名空间").fill(ns);
      await wizard.getByLabel("镜像", { exact: true }).fill("busybox:1.36");
      await wizard.getByLabel("调度", { exact: true }).fill("0 3 * * *");
      await wizard.getByLabel("时区", { exact: true }).fill("Mars/Olympus");
      await expect.poll(() => wizard.getByLabel("时区", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(await wizard.getByText("“Mars/Olympus”不是 tz 数据库中的时区", { exact: false }).first().isVisible()).toBe(true);
      expect(await wizard.getByRole("button", { name: "下一步", exact: true }).isDisabled()).toBe(true);
      await wizard.getByLabel("时区", { exact: true }).fill("Asia/Shanghai");
      await expect.poll(() => wizard.getByRole("status", { name: "何时运行" }).innerText()).toMatch(/03:00.*下次：/);
      await shotBothThemes(shot, page(), "deploy-cron-zh");
      for (let i = 0; i < 5; i++) await wizard.getByRole("button", { name: "下一步", exact: true }).click();
      await expect.poll(() => wizard.getByRole("status").innerText(), { timeout: 15_000 }).toBe("集群的 dry run 接受了这 1 个对象。");
      await wizard.getByRole("button", { name: "创建", exact: true }).click();
      await expect.poll(() => wizard.getByRole("region", { name: "已创建" }).count(), { timeout: 15_000 }).toBe(1);
      await wizard.getByRole("button", { name: "关闭" }).click();
    });
    const cron = JSON.parse(await kubectl(["get", "cronjob", "report", "-n", ns, "-o", "json"]));
    expect(cron.spec).toMatchObject({ schedule: "0 3 * * *", timeZone: "Asia/Shanghai", concurrencyPolicy: "Allow" });
    expect(cron.spec.jobTemplate.spec.template.spec.restartPolicy).toBe("OnFailure");
    expect(app.errors).toEqual([]);
  });

  it("changes an existing container's resources and probes with the same steps, sending only what changed", async () => {
    await page().evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/apps/v1/deployments/${ns}/shop`);
    await page().getByRole("button", { name: "Container and health…" }).click();
    const wizard = dialog("Container and health of deployments/shop");
    // The form is read from the container as it is: nothing to send yet.
    await expect.poll(() => wizard.getByLabel("Memory limit").inputValue(), { timeout: 15_000 }).toBe("64Mi");
    expect(await wizard.getByText("Nothing is changed yet: the form shows the container as it is.").count()).toBe(1);
    await wizard.getByLabel("Memory request").fill("128Mi");
    await wizard.getByLabel("Memory limit").fill("128Mi");
    await next(wizard);
    const liveness = wizard.getByRole("group", { name: "Liveness" });
    await liveness.getByText("TCP", { exact: true }).click();
    await liveness.getByLabel("Port", { exact: true }).fill("http");
    await next(wizard);
    await expect.poll(() => wizard.getByText("The cluster's dry run accepts it.").count(), { timeout: 15_000 }).toBe(1);
    const patch = await wizard.getByLabel("The JSON patch").innerText();
    expect(patch).toContain("path: /spec/template/spec/containers/0/resources");
    expect(patch).toContain("path: /spec/template/spec/containers/0/livenessProbe");
    expect(patch).not.toContain("readinessProbe");
    // The variables from a key and a field, and the hooks, were read as they are: not sent again.
    expect(patch).not.toMatch(/env|lifecycle/);
    await shotBothThemes(shot, page(), "edit-container");
    await wizard.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => wizard.count()).toBe(0);
    const container = JSON.parse(await kubectl(["get", "deployment", "shop", "-n", ns, "-o", "json"])).spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "100m", memory: "128Mi" } });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: "http" });
    // What was not changed is as it was.
    expect(container.readinessProbe.httpGet).toEqual({ path: "/healthz", port: "http", scheme: "HTTP" });
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(["MODE", "COLOR", "POD"]);
    expect(container.lifecycle.preStop).toEqual({ sleep: { seconds: 5 } });
    await closeDetails("shop");
    expect(app.errors).toEqual([]);
  });

  it("exposes a Deployment that exists by its own selector: a NodePort Service and an Ingress; refuses a selector with expressions", async () => {
    const deployment = (name: string, selector: object) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: ns, labels: { team: "api" } },
      spec: {
        replicas: 2,
        selector,
        template: {
          metadata: { labels: { app: name, tier: "backend" } },
          spec: { containers: [{ name, image: "nginx:1.27", ports: [{ name: "web", containerPort: 8080 }] }] },
        },
      },
    });
    await kubectl(["apply", "-f", "-"], JSON.stringify(deployment("gateway", { matchLabels: { app: "gateway" } })));
    await page().evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/apps/v1/deployments/${ns}/gateway`);
    await page().getByRole("button", { name: "Expose…" }).click();
    const wizard = dialog("Expose deployments/gateway");
    // Named after the workload, with its containers' port; the pods it selects, live.
    expect(await wizard.getByLabel("Service name").inputValue()).toBe("gateway");
    expect(await wizard.getByRole("textbox", { name: "Name (optional)" }).inputValue()).toBe("web");
    const selects = wizard.getByRole("region", { name: "The pods it would select" });
    await expect.poll(() => selects.innerText(), { timeout: 30_000 }).toContain("2 pods match app=gateway now.");
    await wizard.getByLabel("Service name").fill("API");
    await expect.poll(() => wizard.getByLabel("Service name").getAttribute("aria-invalid")).toBe("true");
    expect(await nextHeldBack(wizard)).toBe(true);
    await wizard.getByLabel("Service name").fill("gateway-public");
    await shotBothThemes(shot, page(), "expose-ports");
    await next(wizard);
    await wizard.getByRole("radio", { name: "NodePort", exact: true }).check();
    await wizard.getByRole("checkbox", { name: "Reach it over HTTP from outside (Ingress)" }).check();
    await wizard.getByLabel("Host", { exact: true }).fill("gateway.kd.example");
    expect(await wizard.getByLabel("The same with kubectl:").innerText()).toBe(
      `kubectl expose deployment gateway -n ${ns} --name=gateway-public --type=NodePort`,
    );
    await shotBothThemes(shot, page(), "expose-reach");
    await next(wizard);
    await expect.poll(() => wizard.getByRole("status").innerText(), { timeout: 15_000 }).toBe("The cluster's dry run accepts all 2 objects.");
    await shotBothThemes(shot, page(), "expose-review");
    await wizard.getByRole("button", { name: "Create", exact: true }).click();
    await expect
      .poll(async () => (await wizard.getByRole("region", { name: "Created" }).innerText()).replace(/\n+/g, "\n"), { timeout: 15_000 })
      .toBe("Created\nservices/gateway-public\ningresses/gateway-public");
    const service = JSON.parse(await kubectl(["get", "service", "gateway-public", "-n", ns, "-o", "json"]));
    expect(service.metadata.labels).toEqual({ team: "api" });
    expect(service.spec.selector).toEqual({ app: "gateway" });
    expect(service.spec.type).toBe("NodePort");
    expect(service.spec.ports[0]).toMatchObject({ name: "web", port: 8080, targetPort: "web", protocol: "TCP" });
    // The Service finds both pods: their addresses are its endpoints once they are ready.
    await expect
      .poll(
        async () =>
          (
            await kubectl([
              "get",
              "endpointslices",
              "-n",
              ns,
              "-l",
              "kubernetes.io/service-name=gateway-public",
              "-o",
              "jsonpath={.items[*].endpoints[*].addresses[0]}",
            ])
          )
            .trim()
            .split(/\s+/)
            .filter(Boolean).length,
        { timeout: 60_000 },
      )
      .toBe(2);
    const ingress = JSON.parse(await kubectl(["get", "ingress", "gateway-public", "-n", ns, "-o", "json"]));
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: "gateway-public", port: { name: "web" } } });
    await wizard.getByRole("button", { name: "Close" }).click();
    await closeDetails("gateway");

    // A selector with expressions cannot be a Service's: said, and nothing goes further.
    await kubectl(["apply", "-f", "-"], JSON.stringify(deployment("picky", { matchExpressions: [{ key: "app", operator: "In", values: ["picky"] }] })));
    await page().evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/apps/v1/deployments/${ns}/picky`);
    await page().getByRole("button", { name: "Expose…" }).click();
    const refused = dialog("Expose deployments/picky");
    await expect.poll(() => refused.getByText("its selector has expressions, and a Service selects by labels only", { exact: false }).count()).toBe(1);
    expect(await nextHeldBack(refused)).toBe(true);
    await refused.getByRole("button", { name: "Cancel" }).click();
    await closeDetails("picky");
    expect(app.errors).toEqual([]);
  });

  it("reads every step of the storage wizards and of Deploy an app in Chinese, in both themes", async () => {
    await openList(page(), `${list("persistentvolumeclaims")}`);
    await inChinese(page(), async () => {
      await page().getByRole("button", { name: "新建 PVC…" }).click();
      const claim = dialog("新建 PersistentVolumeClaim");
      await claim.getByLabel("名称", { exact: true }).fill("zh-claim");
      await claim.getByLabel("命名空间").fill(ns);
      await expect.poll(() => claim.getByRole("region", { name: "它会得到哪个卷" }).getByRole("status").count(), { timeout: 15_000 }).toBe(1);
      const zhNext = (wizard: Locator) => wizard.getByRole("button", { name: "下一步", exact: true }).click();
      const zhAccepted = (wizard: Locator) => expect.poll(() => wizard.getByText("集群的试运行（dry run）接受了它。").count(), { timeout: 15_000 }).toBe(1);
      await shotBothThemes(shot, page(), "claim-zh");
      for (const step of ["size", "selector"]) {
        await zhNext(claim);
        await shotBothThemes(shot, page(), `claim-zh-${step}`);
      }
      await zhNext(claim);
      await zhAccepted(claim);
      await shotBothThemes(shot, page(), "claim-zh-review");
      await claim.getByRole("button", { name: "取消" }).click();

      // Every step of the volume wizard: an NFS export.
      await openList(page(), "#/context/sandbox-admin/r/core/v1/persistentvolumes");
      await page().getByRole("button", { name: "新建卷…" }).click();
      const volume = dialog("新建 PersistentVolume");
      await volume.getByLabel("名称", { exact: true }).fill(`${ns}-zh`);
      await volume.getByLabel("NFS 服务器").fill("172.17.0.2");
      await volume.getByLabel("共享路径").fill("/tmp");
      await shotBothThemes(shot, page(), "volume-zh-source");
      for (const step of ["capacity", "class"]) {
        await zhNext(volume);
        await shotBothThemes(shot, page(), `volume-zh-${step}`);
      }
      await zhNext(volume);
      await zhAccepted(volume);
      await shotBothThemes(shot, page(), "volume-zh-review");
      await volume.getByRole("button", { name: "取消" }).click();
      await expect.poll(() => volume.count()).toBe(0);

      // The claim the storage tests made, bound and grown: mounting it again, and growing it again.
      await page().evaluate((h) => (location.hash = h), `${list("persistentvolumeclaims")}/${ns}/cache`);
      await page().getByRole("button", { name: "挂载到工作负载…" }).click();
      await page().getByRole("menuitem", { name: "shop", exact: true }).click();
      await expect.poll(() => page().getByRole("menu").count()).toBe(0);
      const mount = dialog("在 deployments/shop 中使用 ConfigMap、Secret 或存储声明");
      await zhNext(mount);
      await expect.poll(() => mount.getByRole("region", { name: "该声明在这里意味着什么" }).innerText(), { timeout: 15_000 }).toContain("ReadWriteOnce");
      await shotBothThemes(shot, page(), "mount-claim-zh");
      // The way out: the editor starts from the Deployment as the patch would make it (fast-json-patch applies it).
      await mount.getByRole("button", { name: "在 YAML 编辑器中打开" }).click();
      const editor = dialog(`编辑 ${ns}/shop`);
      const lines = editor.locator(".view-lines");
      await expect.poll(() => lines.innerText(), { timeout: 15_000 }).toContain("apiVersion");
      await lines.click();
      await page().keyboard.press("Control+End");
      await expect.poll(async () => (await lines.innerText()).replace(/\u00a0/g, " ")).toMatch(/persistentVolumeClaim:\s+claimName: cache/);
      await discardWizardDraft(editor);
      await page().getByRole("button", { name: "扩容", exact: true }).click();
      const expand = dialog("扩容 cache");
      await expand.getByLabel("新容量").fill("3Gi");
      await expect.poll(() => expand.getByRole("region", { name: "扩容会做什么" }).innerText(), { timeout: 15_000 }).toContain("允许扩容");
      await shotBothThemes(shot, page(), "expand-zh");
      await expand.getByRole("button", { name: "取消" }).click();
      await closeDetails("cache");

      await page().evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/apps/v1/deployments/${ns}/shop`);
      await page().getByRole("button", { name: "容器与健康检查…" }).click();
      const edit = dialog("deployments/shop 的容器与健康检查");
      await expect.poll(() => edit.getByLabel("内存上限").inputValue(), { timeout: 15_000 }).toBe("128Mi");
      await shotBothThemes(shot, page(), "edit-container-zh");
      await edit.getByRole("button", { name: "取消" }).click();
      // The storage tests' changes to shop's template may still be rolling out: old and new pods both match until they are done.
      await kubectl(["rollout", "status", "deployment/shop", "-n", ns, "--timeout=120s"]);
      await page().getByRole("button", { name: "暴露…" }).click();
      const expose = dialog("暴露 deployments/shop");
      await expect
        .poll(() => expose.getByRole("region", { name: "它会选中的 Pod" }).innerText(), { timeout: 30_000 })
        .toMatch(/现在有 2 个 Pod 匹配 app=shop。/);
      await expose.getByLabel("Service 名称").fill("shop-zh");
      await shotBothThemes(shot, page(), "expose-zh-ports");
      await zhNext(expose);
      await shotBothThemes(shot, page(), "expose-zh-reach");
      await zhNext(expose);
      await expect.poll(() => expose.getByRole("status").innerText(), { timeout: 15_000 }).toBe("集群的 dry run 接受了这 1 个对象。");
      await shotBothThemes(shot, page(), "expose-zh-review");
      await expose.getByRole("button", { name: "取消" }).click();
      await closeDetails("shop");

      // Every step of Deploy an app, a StatefulSet so that the storage step has a claim template.
      await openList(page(), "#/context/sandbox-admin/r/apps/v1/statefulsets");
      await page().getByRole("button", { name: "部署应用…" }).click();
      const wizard = dialog("部署应用");
      await wizard.getByLabel("名称", { exact: true }).fill("zh-db");
      await wizard.getByLabel("命名空间").fill(ns);
      await wizard.getByLabel("镜像", { exact: true }).fill("postgres:17");
      const next = () => wizard.getByRole("button", { name: "下一步", exact: true }).click();
      await shotBothThemes(shot, page(), "deploy-zh-what");
      await next();
      await wizard.getByRole("button", { name: "添加端口" }).click();
      await wizard.getByRole("textbox", { name: "端口", exact: true }).fill("5432");
      await wizard.getByLabel("内存请求").fill("256Mi");
      await expect.poll(() => wizard.getByRole("note", { name: "服务质量" }).innerText()).toMatch(/^Burstable：/);
      await shotBothThemes(shot, page(), "deploy-zh-container");
      await next();
      await wizard.getByRole("group", { name: "存活" }).getByText("TCP", { exact: true }).click();
      await wizard.getByRole("group", { name: "存活" }).getByLabel("端口", { exact: true }).fill("5432");
      await shotBothThemes(shot, page(), "deploy-zh-health");
      await next();
      await wizard.getByRole("radio", { name: "ClusterIP", exact: true }).check();
      await shotBothThemes(shot, page(), "deploy-zh-expose");
      await next();
      await wizard.getByRole("button", { name: "添加声明模板" }).click();
      await shotBothThemes(shot, page(), "deploy-zh-storage");
      await next();
      await expect.poll(() => wizard.getByRole("status").innerText(), { timeout: 15_000 }).toBe("集群的 dry run 接受了这 3 个对象。");
      await shotBothThemes(shot, page(), "deploy-zh-review");
      await wizard.getByRole("button", { name: "取消" }).click();
      await expect.poll(() => wizard.count()).toBe(0);
    });
    expect(app.errors).toEqual([]);
  });
});
