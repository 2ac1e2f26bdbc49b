// The change journal, Secret values and export in a real browser against the practice cluster
// (DESIGN §5): a delete undone from its notification; the Journal view listing changes with
// their diff and reverting one (and refusing to overwrite a later change); a Secret's values
// revealed only on request, equal to what kubectl decodes, binary said as binary, hidden again
// on leaving; and YAML exported to a file. Every result is checked with kubectl. It works in a
// namespace of its own, kd-journal-….
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { parseAllDocuments } from "yaml";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { screenshotter } from "./browser.ts";
import { nginxDeployment } from "./fixtures/deployment.ts";
import { kubectl, openApp, openList, shotBothThemes, watchLeavesScreen, type AppUnderTest } from "./suite.ts";

const shot = screenshotter("journal");
const ns = `kd-journal-${Date.now().toString(36)}`;
let app: AppUnderTest;
let page: Page;

const route = (g: string, version: string, resource: string) => `#/context/sandbox-admin/r/${g || "core"}/${version}/${resource}`;
const journalRoute = "#/context/sandbox-admin/journal";
const drawer = () => page.getByRole("dialog").filter({ has: page.getByRole("tablist") });
const shown = (l: Locator, timeout = 20_000) => l.first().waitFor({ state: "visible", timeout });
const textOf = (l: Locator) => expect.poll(() => l.innerText(), { timeout: 20_000 });
const names = async (kind: string) => (await kubectl(["get", kind, "-n", ns, "-o", "name"])).split("\n").filter(Boolean);
const journalTable = () => page.getByRole("table", { name: "Change journal" });
const entryRow = (text: RegExp | string) => journalTable().getByRole("row").filter({ hasText: text });

beforeAll(async () => {
  await kubectl(["create", "namespace", ns]);
  await kubectl(["apply", "-f", "-"], nginxDeployment(ns, "keeper"));
  await kubectl(["create", "configmap", "settings", "-n", ns, "--from-literal=mode=calm"]);
  await kubectl(["create", "secret", "generic", "vault", "-n", ns, "--from-literal=token=tok-3141", "--from-literal=note=第一行\nsecond line"]);
  await kubectl([
    "patch",
    "secret",
    "vault",
    "-n",
    ns,
    "--type=merge",
    "-p",
    JSON.stringify({ data: { keystore: Buffer.from([0xfe, 0xed, 0x00, 0x01, 0x9c]).toString("base64") } }),
  ]);
  app = await openApp();
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  expect(app.errors).toEqual([]);
});

afterEach(async ({ task }) => {
  if (task.result?.state === "fail") await shot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`);
});

/** Deletes an open object through its action, confirming. */
async function deleteOpen() {
  await drawer().getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: /^Delete / })
    .getByRole("button", { name: "Delete", exact: true })
    .click();
}

it("undoes a delete from the notification that reports it", async () => {
  await openList(page, `${route("", "v1", "configmaps")}/${ns}/settings`);
  await deleteOpen();
  await expect.poll(() => names("configmaps")).not.toContain("configmap/settings");
  const notice = page.locator(".mantine-Notification-root").filter({ hasText: "settings" });
  await shown(notice.getByRole("button", { name: "Undo" }));
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => names("configmaps")).toContain("configmap/settings");
  expect(await kubectl(["get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.mode}"])).toBe("calm");
  await shown(page.locator(".mantine-Notification-root").filter({ hasText: "Reverted: 1 object is back as it was" }));
});

it("lists every change in the Journal with its diff, and Revert brings a deleted Deployment back", async () => {
  await openList(page, `${route("apps", "v1", "deployments")}/${ns}/keeper`);
  await drawer().getByRole("button", { name: "Scale", exact: true }).click();
  const scale = page.getByRole("dialog", { name: /^Scale keeper/ });
  await scale.getByRole("textbox", { name: "Replicas" }).fill("2");
  await scale.getByRole("button", { name: "Scale", exact: true }).click();
  await expect.poll(() => kubectl(["get", "deployment", "keeper", "-n", ns, "-o", "jsonpath={.spec.replicas}"])).toBe("2");
  await deleteOpen();
  await expect.poll(() => names("deployments")).not.toContain("deployment.apps/keeper");

  // The journal's code, then the diff's (Monaco), load as they are first opened: the sidebar
  // stays on screen meanwhile (the workspace's Suspense hid it all while they loaded).
  const sidebarLeft = await watchLeavesScreen(page, 'nav[aria-label="Resources"]');
  await page.getByRole("navigation", { name: "Resources" }).getByRole("button", { name: "Change journal" }).click();
  await shown(journalTable());
  // Newest first: the delete, the scale, then the earlier test's delete and its revert.
  const rows = journalTable().getByRole("row");
  await textOf(rows.nth(1)).toMatch(/Deleted[\s\S]*Deployment .*\/keeper/);
  await textOf(rows.nth(2)).toMatch(/Scaled[\s\S]*Deployment .*\/keeper/);
  await textOf(entryRow(/Reverted a change/)).toContain("sandbox-admin");
  await textOf(entryRow(/Deleted[\s\S]*settings/)).toContain("reverted");

  // The scale's diff: replicas 1 on the left, 2 on the right.
  await rows.nth(2).getByRole("button", { name: "Scaled" }).click();
  const diff = page.getByRole("region", { name: "Difference made by the change" });
  await shown(diff.locator(".original-in-monaco-diff-editor .view-line", { hasText: /replicas:\s+1/ }));
  await shown(diff.locator(".modified-in-monaco-diff-editor .view-line", { hasText: /replicas:\s+2/ }));
  expect(await sidebarLeft()).toBe(false);
  await shotBothThemes(shot, page, "journal");

  // Revert the delete, after a confirmation naming what will happen.
  await rows.nth(1).getByRole("button", { name: "Deleted" }).click();
  await page.getByRole("button", { name: "Revert", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Revert this change?" });
  await textOf(confirm).toContain("will be recreated");
  // Pictured once it has faded in.
  await expect.poll(() => confirm.evaluate((el) => getComputedStyle(el.querySelector(".mantine-Modal-content") ?? el).opacity)).toBe("1");
  await shot(page, "revert-confirm");
  await confirm.getByRole("button", { name: "Revert", exact: true }).click();
  await expect.poll(() => names("deployments")).toContain("deployment.apps/keeper");
  expect(await kubectl(["get", "deployment", "keeper", "-n", ns, "-o", "jsonpath={.spec.replicas}"])).toBe("2");
  await textOf(page.getByRole("table", { name: "Result of the revert" })).toContain("created");
  await textOf(rows.nth(1)).toContain("Reverted a change");

  // The scale is now older than a change made with kubectl: reverting it is refused, not overwritten.
  await kubectl(["scale", "deployment", "keeper", "-n", ns, "--replicas=4"]);
  await entryRow(/Scaled/)
    .getByRole("button", { name: "Scaled" })
    .click();
  await page.getByRole("button", { name: "Revert", exact: true }).click();
  await page.getByRole("dialog", { name: "Revert this change?" }).getByRole("button", { name: "Revert", exact: true }).click();
  await textOf(page.getByRole("table", { name: "Result of the revert" })).toMatch(/it no longer exists|changed since/);
  expect(await kubectl(["get", "deployment", "keeper", "-n", ns, "-o", "jsonpath={.spec.replicas}"])).toBe("4");
  await shot(page, "revert-conflict");
});

it("reads right in Chinese", async () => {
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文（简体）" }).click();
  await page.evaluate((h) => (location.hash = h), journalRoute);
  const table = page.getByRole("table", { name: "变更记录" });
  await textOf(table).toContain("删除");
  await table.getByRole("row").nth(1).getByRole("button").click();
  await shown(page.getByRole("region", { name: "这次变更造成的差异" }));
  await shotBothThemes(shot, page, "journal-zh");
  await page.getByRole("combobox", { name: "语言" }).click();
  await page.getByRole("option", { name: "English" }).click();
});

it("reveals a Secret's values only when asked, as kubectl decodes them, and hides them on leaving", async () => {
  await openList(page, `${route("", "v1", "secrets")}/${ns}/vault`);
  const keys = drawer().getByRole("table", { name: "Keys" });
  await shown(keys);
  expect(await keys.innerText()).not.toContain("tok-3141");
  await keys.getByRole("button", { name: "Reveal token" }).click();
  await textOf(drawer().getByLabel("Value of token")).toBe("tok-3141");
  // One key asked, one key shown.
  expect(await drawer().getByLabel("Value of note").count()).toBe(0);
  await drawer().getByRole("button", { name: "Reveal all" }).click();
  const note = Buffer.from(await kubectl(["get", "secret", "vault", "-n", ns, "-o", "jsonpath={.data.note}"]), "base64").toString();
  await textOf(drawer().getByLabel("Value of note")).toBe(note);
  await textOf(keys.getByRole("row").filter({ hasText: "keystore" })).toContain("binary, 5 bytes");
  await shotBothThemes(shot, page, "secret-revealed");
  // Leaving the object hides them; coming back starts hidden.
  await openList(page, route("", "v1", "configmaps"));
  await openList(page, `${route("", "v1", "secrets")}/${ns}/vault`);
  await shown(drawer().getByRole("button", { name: "Reveal token" }));
  expect(await drawer().getByLabel("Value of token").count()).toBe(0);
  expect(await drawer().innerText()).not.toContain("tok-3141");
  await page.keyboard.press("Escape");
});

it("exports an object, and a selection, as YAML that applies again (a Secret without its values)", async () => {
  await openList(page, `${route("", "v1", "configmaps")}/${ns}/settings`);
  const [one] = await Promise.all([page.waitForEvent("download"), drawer().getByRole("button", { name: "Export YAML" }).click()]);
  expect(one.suggestedFilename()).toBe("settings.yaml");
  const single = parseAllDocuments(readFileSync((await one.path())!, "utf8")).map((d) => d.toJS());
  expect(single).toMatchObject([{ kind: "ConfigMap", metadata: { name: "settings", namespace: ns }, data: { mode: "calm" } }]);
  expect(single[0].metadata.managedFields).toBeUndefined();
  await page.keyboard.press("Escape");

  await openList(page, route("", "v1", "secrets"));
  await page.locator(`[role=grid] [role=row][data-key="${ns}/vault"] input[type=checkbox]`).check();
  const [many] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("toolbar", { name: "Selected objects" }).getByRole("button", { name: "Export YAML" }).click(),
  ]);
  const text = readFileSync((await many.path())!, "utf8");
  expect(many.suggestedFilename()).toBe("secrets.yaml");
  expect(text).toContain("# Secret values are not exported");
  expect(text).not.toMatch(/tok-3141|dG9rLTMxNDE=/);
  const [secret] = parseAllDocuments(text).map((d) => d.toJS());
  expect(secret).toMatchObject({ kind: "Secret", metadata: { name: "vault" } });
  expect(secret.data).toBeUndefined();
  // Applied again as it is, it changes nothing: no value is blanked.
  await kubectl(["apply", "--server-side", "--force-conflicts", "-f", "-"], JSON.stringify(secret));
  expect(await kubectl(["get", "secret", "vault", "-n", ns, "-o", "jsonpath={.data.token}"])).toBe(Buffer.from("tok-3141").toString("base64"));
});
