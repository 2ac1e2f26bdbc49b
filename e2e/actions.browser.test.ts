// The action table in a real browser against the practice cluster: an action from an open
// object, from a selection and from the palette, each showing its exact request first and
// checked against kubectl afterwards; the confirmations the table asks for; per-object
// outcomes; a list that comes back from the cache; and bytes through the browser's WebSocket.
// It works on objects of its own (a namespace kd-actions-…, node sandbox-worker-3).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, screenshotter, startServe, type Serve } from "./browser.ts";
import { nginxDeployment } from "./fixtures/deployment.ts";
import { collectErrors, kubectl, openList, shotBothThemes } from "./suite.ts";

const shot = screenshotter("actions");
// A name of its own each run: an earlier run's namespace may still be terminating.
const ns = `kd-actions-${Date.now().toString(36)}`;
const node = "sandbox-worker-3";
let serve: Serve;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const userData = mkdtempSync(join(tmpdir(), "kubedeck-user-data-"));

const jsonpath = async (what: string[], path: string) => (await kubectl(["get", ...what, "-o", `jsonpath=${path}`])).trim();

const grid = (p = page) => p.locator("[role=grid]");
/** The details panel: the dialog with tabs. */
const drawer = () => page.getByRole("dialog").filter({ has: page.getByRole("tablist") });
const dialog = (title: RegExp) => page.getByRole("dialog", { name: title });
const open = (hash: string, p = page) => openList(p, hash);
const route = (group: string, version: string, resource: string) => `#/context/sandbox-admin/r/${group || "core"}/${version}/${resource}`;

beforeAll(async () => {
  await kubectl(["create", "namespace", ns]);
  for (const name of ["web-a", "web-b"]) await kubectl(["apply", "-f", "-"], nginxDeployment(ns, name));
  serve = await startServe(["--kubeconfig", inject("kubeconfig"), "--user-data", userData]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme: "light", locale: "en-US" });
  collectErrors(page, errors);
  await page.goto(serve.url);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await kubectl(["uncordon", node]);
  await kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  rmSync(userData, { recursive: true, force: true });
});

describe("an open object's actions", () => {
  it("scales a Deployment after showing the exact request it sends", async () => {
    await open(`${route("apps", "v1", "deployments")}/${ns}/web-a`);
    await drawer().getByRole("button", { name: "Scale", exact: true }).click();
    const scale = dialog(/^Scale web-a/);
    const replicas = scale.getByRole("textbox", { name: "Replicas" });
    await expect.poll(() => replicas.inputValue()).toBe("1");
    await replicas.fill("3");
    await scale.getByRole("button", { name: "Show the request" }).click();
    const request = scale.getByLabel("The request");
    await expect.poll(() => request.textContent()).toContain(`PATCH /apis/apps/v1/namespaces/${ns}/deployments/web-a/scale`);
    expect(await request.textContent()).toContain("Content-Type: application/merge-patch+json");
    expect(await request.textContent()).toContain("replicas: 3");
    await shotBothThemes(shot, page, "scale-dialog");
    await scale.getByRole("button", { name: "Scale", exact: true }).click();
    await expect.poll(() => jsonpath(["deployment", "web-a", "-n", ns], "{.spec.replicas}")).toBe("3");
    await expect.poll(() => scale.count()).toBe(0);
  });

  it("refuses input outside the table's range before anything is sent", async () => {
    await drawer().getByRole("button", { name: "Scale", exact: true }).click();
    const scale = dialog(/^Scale web-a/);
    await scale.getByRole("textbox", { name: "Replicas" }).fill("-2");
    await expect.poll(() => scale.getByText("A whole number from 0 to 100000").count()).toBe(1);
    expect(await scale.getByRole("button", { name: "Scale", exact: true }).isDisabled()).toBe(true);
    await scale.getByRole("button", { name: "Cancel" }).click();
    expect(await jsonpath(["deployment", "web-a", "-n", ns], "{.spec.replicas}")).toBe("3");
    await page.keyboard.press("Escape");
  });

  it("cordons a node with one click, and then offers to uncordon it", async () => {
    await open(`${route("", "v1", "nodes")}/_/${node}`);
    await drawer().getByRole("button", { name: "Cordon", exact: true }).click();
    await expect.poll(() => jsonpath(["node", node], "{.spec.unschedulable}")).toBe("true");
    // The panel reads the node again when its watch sees the change: the action flips.
    const uncordon = drawer().getByRole("button", { name: "Uncordon", exact: true });
    await expect.poll(() => uncordon.count(), { timeout: 20_000 }).toBe(1);
    await shot(page, "node-cordoned");
    await uncordon.click();
    await expect.poll(() => jsonpath(["node", node], "{.spec.unschedulable}")).toBe("");
    await expect.poll(() => drawer().getByRole("button", { name: "Cordon", exact: true }).count(), { timeout: 20_000 }).toBe(1);
    await page.keyboard.press("Escape");
  });

  it("deletes a namespace only once its name is typed", async () => {
    const doomed = `kd-doomed-${Date.now().toString(36)}`;
    await kubectl(["create", "namespace", doomed]);
    await open(`${route("", "v1", "namespaces")}/_/${doomed}`);
    await drawer().getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = dialog(new RegExp(`^Delete ${doomed}`));
    const button = confirm.getByRole("button", { name: "Delete", exact: true });
    expect(await button.isDisabled()).toBe(true);
    await confirm.getByRole("textbox", { name: `Type ${doomed} to confirm` }).fill(doomed.slice(0, -1));
    expect(await button.isDisabled()).toBe(true);
    await confirm.getByRole("textbox", { name: `Type ${doomed} to confirm` }).fill(doomed);
    await shot(page, "namespace-delete");
    await button.click();
    // The namespace controller takes a while: Terminating, then gone.
    await expect
      .poll(async () => (await kubectl(["get", "namespace", doomed, "--ignore-not-found", "-o", "jsonpath={.status.phase}"])).trim())
      .not.toBe("Active");
    // The panel closes after a delete.
    await expect.poll(() => drawer().count()).toBe(0);
  });
});

describe("a selection's actions", () => {
  it("restarts two Deployments selected in the list, in one go", async () => {
    await open(route("apps", "v1", "deployments"));
    for (const name of ["web-a", "web-b"]) await grid().locator(`[role=row][data-key="${ns}/${name}"] input[type=checkbox]`).check();
    const toolbar = page.getByRole("toolbar", { name: "Selected objects" });
    await expect.poll(() => toolbar.getByText("2 selected").count()).toBe(1);
    const restart = toolbar.getByRole("button", { name: "Restart", exact: true });
    await expect.poll(() => restart.isEnabled()).toBe(true);
    await shot(page, "selection-toolbar");
    await restart.click();
    const confirm = dialog(/^Restart 2 selected/);
    expect(await confirm.textContent()).toContain("web-a, web-b");
    await confirm.getByRole("button", { name: "Restart", exact: true }).click();
    for (const name of ["web-a", "web-b"])
      await expect.poll(() => jsonpath(["deployment", name, "-n", ns], "{.spec.template.metadata.annotations}")).toContain("kubectl.kubernetes.io/restartedAt");
    // Done: the selection is cleared.
    await expect.poll(() => toolbar.count()).toBe(0);
  });

  it("says which objects of a selection failed, and why, and does the rest", async () => {
    for (const name of ["cm-keep-going", "cm-vanishing"]) await kubectl(["create", "configmap", name, "-n", ns, "--from-literal=a=b"]);
    await open(route("", "v1", "configmaps"));
    for (const name of ["cm-keep-going", "cm-vanishing"]) {
      const row = grid().locator(`[role=row][data-key="${ns}/${name}"]`);
      await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
      await row.locator("input[type=checkbox]").check();
    }
    await page.getByRole("toolbar", { name: "Selected objects" }).getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = dialog(/^Delete 2 selected/);
    await expect.poll(() => confirm.count()).toBe(1);
    // One of them goes away before the user confirms.
    await kubectl(["delete", "configmap", "cm-vanishing", "-n", ns]);
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    const failure = page.getByRole("alert").filter({ hasText: "1 object failed" });
    await expect.poll(() => failure.count()).toBe(1);
    expect(await failure.textContent()).toMatch(/cm-vanishing: .*not found/i);
    await shot(page, "selection-partial-failure");
    await expect.poll(() => kubectl(["get", "configmap", "cm-keep-going", "-n", ns, "--ignore-not-found", "-o", "name"])).toBe("");
  });
});

describe("labels and annotations", () => {
  it("labels an object: sets, overwrites and removes in one patch; refuses an invalid label, naming its rule", async () => {
    await kubectl(["create", "configmap", "cm-labels", "-n", ns, "--from-literal=a=b"]);
    await kubectl(["label", "configmap", "cm-labels", "-n", ns, "tier=old", "stale=yes"]);
    await open(`${route("", "v1", "configmaps")}/${ns}/cm-labels`);
    await drawer().getByRole("button", { name: "Label", exact: true }).click();
    const label = dialog(/^Label cm-labels/);
    const changes = label.getByRole("textbox", { name: /^Changes/ });
    // Not a label Kubernetes accepts: the rule it breaks, and nothing can be sent.
    await changes.fill("env=not/valid");
    await expect.poll(() => label.textContent()).toMatch(/must start and end with a letter or digit/);
    expect(await label.getByRole("button", { name: "Label", exact: true }).isDisabled()).toBe(true);
    await shotBothThemes(shot, page, "label-invalid");
    await changes.fill("env=prod tier=web stale-");
    await label.getByRole("button", { name: "Show the request" }).click();
    expect(await label.getByLabel("The request").innerText()).toMatch(
      /PATCH \/api\/v1\/namespaces\/.+\/configmaps\/cm-labels[\s\S]*merge-patch[\s\S]*stale: null/,
    );
    await shot(page, "label-request");
    await label.getByRole("button", { name: "Label", exact: true }).click();
    await expect.poll(() => jsonpath(["configmap", "cm-labels", "-n", ns], "{.metadata.labels}")).toBe('{"env":"prod","tier":"web"}');
    await page.keyboard.press("Escape");
  });

  it("labels ten selected pods at once, and annotates them", async () => {
    await kubectl(["apply", "-f", "-"], nginxDeployment(ns, "ten"));
    await kubectl(["scale", "deployment", "ten", "-n", ns, "--replicas=10"]);
    await open(route("", "v1", "pods"));
    await page.getByRole("textbox", { name: "Label selector" }).fill("app=ten");
    await expect.poll(() => grid().getAttribute("data-rows"), { timeout: 30_000 }).toBe("10");
    await page.getByRole("checkbox", { name: "Select all shown" }).check();
    const toolbar = page.getByRole("toolbar", { name: "Selected objects" });
    await expect.poll(() => toolbar.getByText("10 selected").count()).toBe(1);
    await toolbar.getByRole("button", { name: "Label", exact: true }).click();
    const label = dialog(/^Label 10 selected/);
    await label.getByRole("textbox", { name: /^Changes/ }).fill("batch=one");
    await label.getByRole("button", { name: "Label", exact: true }).click();
    await expect.poll(() => kubectl(["get", "pods", "-n", ns, "-l", "app=ten,batch=one", "-o", "name"]).then((o) => o.trim().split("\n").length)).toBe(10);
    await page.getByRole("checkbox", { name: "Select all shown" }).check();
    await toolbar.getByRole("button", { name: "Annotate", exact: true }).click();
    const annotate = dialog(/^Annotate 10 selected/);
    await annotate.getByRole("textbox", { name: /^Changes/ }).fill("note='reviewed by the on-call' link=https://example.com/runbook?step=2");
    await annotate.getByRole("button", { name: "Annotate", exact: true }).click();
    await expect
      .poll(
        async () =>
          (await kubectl(["get", "pods", "-n", ns, "-l", "app=ten", "-o", "jsonpath={range .items[*]}{.metadata.annotations.note}|{end}"]))
            .split("|")
            .filter((x) => x === "reviewed by the on-call").length,
      )
      .toBe(10);
    await shot(page, "label-selection");
    await page.getByRole("textbox", { name: "Label selector" }).fill("");
  });
});

describe("the palette", () => {
  it("runs an action on the open object, through the same dialog", async () => {
    await kubectl(
      ["apply", "-f", "-"],
      JSON.stringify({
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "nightly", namespace: ns },
        spec: {
          schedule: "0 3 * * *",
          jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "job", image: "busybox:1.36" }] } } } },
        },
      }),
    );
    await open(`${route("batch", "v1", "cronjobs")}/${ns}/nightly`);
    await expect.poll(() => drawer().getByRole("button", { name: "Run now", exact: true }).count(), { timeout: 20_000 }).toBe(1);
    await page.keyboard.press("Control+k");
    await page.getByRole("textbox", { name: "Search", exact: true }).fill("run now");
    const option = page.getByRole("option", { name: /Run now nightly/ });
    await expect.poll(() => option.count(), { timeout: 20_000 }).toBe(1);
    await shot(page, "palette-action");
    await option.click();
    const confirm = dialog(/^Run now nightly/);
    await confirm.getByRole("button", { name: "Show the request" }).click();
    expect(await confirm.getByLabel("The request").textContent()).toContain(`POST /apis/batch/v1/namespaces/${ns}/jobs`);
    await confirm.getByRole("button", { name: "Run now", exact: true }).click();
    await expect
      .poll(async () =>
        (await kubectl(["get", "jobs", "-n", ns, "-o", "jsonpath={.items[*].metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}"])).trim(),
      )
      .toBe("manual");
    await page.keyboard.press("Escape");
  });
});

describe("the query cache", () => {
  it("shows a list's rows at once when the user comes back to it", async () => {
    await open(route("", "v1", "pods"));
    const total = Number(await grid().getAttribute("data-total"));
    expect(total).toBeGreaterThan(0);
    await open(route("", "v1", "services"));
    // Watch the page from now on: a list that has to download again says "Loading…" first.
    await page.evaluate(() => {
      const w = window as unknown as { sawLoading: boolean; firstRows: number };
      w.sawLoading = false;
      w.firstRows = -1;
      new MutationObserver(() => {
        if (document.body.textContent?.includes("Loading…")) w.sawLoading = true;
        const g = document.querySelector("[role=grid][aria-label=Pods]");
        if (g && w.firstRows < 0) w.firstRows = Number(g.getAttribute("data-total"));
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await open(route("", "v1", "pods"));
    const seen = await page.evaluate(() => {
      const { sawLoading, firstRows } = window as unknown as { sawLoading: boolean; firstRows: number };
      return { sawLoading, firstRows };
    });
    expect(seen.sawLoading).toBe(false);
    expect(seen.firstRows).toBeGreaterThan(0);
  });
});

describe("the connection check", () => {
  it("gets every byte through the browser's WebSocket intact, both ways", async () => {
    await page.getByRole("button", { name: "Check the connection to Kubedeck's main process" }).click();
    const check = dialog(/^Connection check/);
    await check.getByRole("button", { name: "Run the check" }).click();
    await expect.poll(() => check.getByRole("status").textContent(), { timeout: 30_000 }).toContain("Every byte arrived intact.");
    expect(await check.getByRole("status").textContent()).toMatch(/Round trip of 1 MiB: \d+ ms.*8 MiB streamed from main/);
    await shotBothThemes(shot, page, "connection-check");
    await page.keyboard.press("Escape");
  });

  it("looks right in Chinese", async () => {
    await page.getByRole("combobox", { name: "Language" }).click();
    await page.getByRole("option", { name: "中文（简体）" }).click();
    await open(`${route("apps", "v1", "deployments")}/${ns}/web-b`);
    await drawer().getByRole("button", { name: "扩缩", exact: true }).click();
    await dialog(/^扩缩 web-b/)
      .getByRole("button", { name: "显示请求" })
      .click();
    await shotBothThemes(shot, page, "scale-dialog-zh");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.getByRole("combobox", { name: "语言" }).click();
    await page.getByRole("option", { name: "English" }).click();
    expect(errors).toEqual([]);
  });
});
