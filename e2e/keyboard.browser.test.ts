// The app-wide keys in a real browser, pressed and never clicked: g then a letter goes to a
// kind, / reaches the list's filter, ? shows every key, [ and ] move between connected
// clusters, and no key fires while the user types in a field; then an axe-core scan of the
// main screens in both themes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshotter } from "./browser.ts";
import { kubectl, openApp, shotBothThemes, type AppUnderTest } from "./suite.ts";

const shot = screenshotter("keyboard");
// axe-core (pinned), the accessibility checker the scan below runs inside the page.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let app: AppUnderTest;
const page = () => app.page;
const hash = () => page().evaluate(() => decodeURIComponent(location.hash));
const live = () => page().locator("[role=grid]").getAttribute("data-live");
const keys = async (...presses: string[]) => {
  for (const k of presses) await page().keyboard.press(k);
};

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe("app-wide keys", () => {
  it("goes to a kind with g and its letter", async () => {
    // A link opens the context (the one thing not done with keys here).
    await page().evaluate(() => (location.hash = "#/context/sandbox-admin"));
    await expect.poll(() => page().getByText("Kubernetes v1.37.2").count(), { timeout: 30_000 }).toBe(1);
    await keys("g", "p");
    await expect.poll(hash).toBe("#/context/sandbox-admin/r/core/v1/pods");
    await expect.poll(live, { timeout: 30_000 }).toBe("true");
    await keys("g", "d");
    await expect.poll(hash).toBe("#/context/sandbox-admin/r/apps/v1/deployments");
    await keys("g", "o");
    await expect.poll(hash).toBe("#/context/sandbox-admin");
  });

  it("shows every key on ? and closes it with Esc", async () => {
    await keys("Shift+Slash");
    const sheet = page().getByRole("dialog", { name: "Keys" });
    await expect.poll(() => sheet.count()).toBe(1);
    const rows = await sheet.getByRole("row").allInnerTexts();
    expect(rows).toEqual(expect.arrayContaining(["g p\tGo to Pods", "g d\tGo to Deployments", "/\tFilter the list", "Esc\tClose the top dialog or panel"]));
    await shotBothThemes(shot, page(), "key-sheet");
    await keys("Escape");
    await expect.poll(() => sheet.count()).toBe(0);
  });

  it("reaches the filter with /, and takes no key while the user types there", async () => {
    await keys("g", "p");
    await expect.poll(live, { timeout: 30_000 }).toBe("true");
    await keys("Slash");
    const filter = page().getByRole("textbox", { name: "Filter", exact: true });
    await expect.poll(() => filter.evaluate((el) => el === document.activeElement)).toBe(true);
    await page().keyboard.type("myapp gd");
    expect(await filter.inputValue()).toBe("myapp gd");
    expect(await hash()).toBe("#/context/sandbox-admin/r/core/v1/pods");
    await page().keyboard.press("Control+A");
    await page().keyboard.press("Backspace");
    // Esc leaves the filter for the rows.
    await keys("Escape");
    await expect.poll(() => page().evaluate(() => document.activeElement?.getAttribute("role"))).toBe("grid");
  });

  it("opens demo/myapp from the Pods list in a handful of keys, and Esc brings focus back to its row", async () => {
    await keys("g", "p");
    await expect.poll(live, { timeout: 30_000 }).toBe("true");
    // Opening a list puts focus in its rows.
    const focusedRole = () => page().evaluate(() => document.activeElement?.getAttribute("role"));
    await expect.poll(focusedRole).toBe("grid");
    await keys("Slash");
    await page().keyboard.type("myapp");
    await keys("Escape");
    await expect.poll(focusedRole).toBe("grid");
    await keys("Enter");
    await expect.poll(hash).toBe("#/context/sandbox-admin/r/core/v1/pods/demo/myapp");
    const details = page().getByRole("dialog", { name: /myapp/ });
    // Tabbing starts once focus is in the dialog: a Tab pressed before it opens walks the page behind it.
    await expect.poll(() => details.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    // Its Events tab, reached and chosen with keys.
    const onTab = () => details.evaluate((el) => el.contains(document.activeElement) && document.activeElement?.getAttribute("role") === "tab");
    for (let i = 0; i < 30 && !(await onTab()); i++) await keys("Tab");
    expect(await onTab()).toBe(true);
    await keys("ArrowRight");
    // The Events tab mounts its table when chosen (keepMounted is off): beside other suites on two cores, over a second.
    await expect.poll(() => details.getByRole("tab", { name: "Events" }).getAttribute("aria-selected"), { timeout: 10_000 }).toBe("true");
    // The palette says each action's key beside it.
    await keys("Control+k");
    const palette = page().getByRole("dialog", { name: "Go to…" });
    await expect.poll(() => palette.count()).toBe(1);
    // Typed once its input has focus: letters typed before it reach the dialog behind it (a run
    // beside two other suites found the object "myapp" first, as for a query cut short).
    await expect.poll(() => palette.evaluate((el) => el.contains(document.activeElement) && document.activeElement?.tagName === "INPUT")).toBe(true);
    await page().keyboard.type("label myapp");
    await expect.poll(() => palette.getByRole("option").first().innerText(), { timeout: 15_000 }).toMatch(/^Action\s+Label myapp[\s\S]*Shift\+L$/i);
    await shotBothThemes(shot, page(), "palette-keys");
    await keys("Escape");
    await expect.poll(() => palette.count()).toBe(0);
    await keys("Escape");
    await expect.poll(() => details.count()).toBe(0);
    await expect.poll(focusedRole).toBe("grid");
    expect(await page().locator('[role=grid] [data-active="true"]').getAttribute("data-key")).toBe("demo/myapp");
  });

  it("keeps focus on its object when a live change sorts a row in before it", async () => {
    const grid = page().locator("[role=grid]");
    const active = grid.locator('[data-active="true"]');
    // Sorted by name, with Enter on the NAME header's button, then back to the rows.
    await page().getByRole("button", { name: "NAME", exact: true }).focus();
    await keys("Enter");
    await expect.poll(() => page().getByRole("columnheader", { name: "NAME", exact: true }).getAttribute("aria-sort")).toBe("ascending");
    await grid.focus();
    expect(await active.getAttribute("data-key")).toBe("demo/myapp");
    const before = Number(await active.getAttribute("aria-rowindex"));
    await kubectl(["run", "aaa-myapp-keys", "-n", "demo", "--image=nginx", "--restart=Never"]);
    try {
      // The new pod sorts in above: the focused row moves down with its object.
      await expect.poll(() => grid.locator('[data-key="demo/aaa-myapp-keys"]').count(), { timeout: 30_000 }).toBe(1);
      expect(await active.getAttribute("data-key")).toBe("demo/myapp");
      expect(Number(await active.getAttribute("aria-rowindex"))).toBe(before + 1);
      await keys("ArrowUp");
      await expect.poll(() => active.getAttribute("data-key")).toBe("demo/aaa-myapp-keys");
      await keys("ArrowDown");
      await expect.poll(() => active.getAttribute("data-key")).toBe("demo/myapp");
    } finally {
      await kubectl(["delete", "pod", "aaa-myapp-keys", "-n", "demo", "--wait=false"]);
    }
    await expect.poll(() => grid.locator('[data-key="demo/aaa-myapp-keys"]').count(), { timeout: 30_000 }).toBe(0);
    expect(await active.getAttribute("data-key")).toBe("demo/myapp");
    expect(Number(await active.getAttribute("aria-rowindex"))).toBe(before);
  });

  it("runs the focused row's action by its key, through the same dialog; selects rows with Shift+↓ and offers their actions", async () => {
    // L: label, on the focused row (demo/myapp), once the cluster has said it may.
    const label = page().getByRole("dialog", { name: /^Label myapp/ });
    await expect
      .poll(
        async () => {
          await keys("Shift+L");
          return label.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await keys("Escape");
    await expect.poll(() => label.count()).toBe(0);
    // Clear the filter: Ctrl+A and Backspace in it, Esc back to the rows.
    await keys("Slash", "Control+A", "Backspace", "Escape", "Home", "Shift+ArrowDown", "Shift+ArrowDown");
    const selection = page().getByRole("toolbar", { name: "Selected objects" });
    await expect.poll(() => selection.getByText("3 selected").count()).toBe(1);
    expect(await selection.getByRole("button", { name: "Delete", exact: true }).count()).toBe(1);
    await shotBothThemes(shot, page(), "selection-by-keys");
    await keys("Escape");
  });

  it("opens a pod's log, shell, editor and port forward by their keys, on the focused row and in its details", async () => {
    const grid = page().locator("[role=grid]");
    const dock = page().getByRole("complementary", { name: "Terminals and logs" });
    await keys("g", "p");
    await expect.poll(live, { timeout: 30_000 }).toBe("true");
    await keys("Slash");
    await page().keyboard.type("myapp");
    await keys("Escape");
    await expect.poll(() => grid.locator('[data-active="true"]').getAttribute("data-key")).toBe("demo/myapp");
    // The grid tells which keys its focused row has (read by screen readers; here, that they are heard).
    await expect.poll(() => grid.getAttribute("aria-keyshortcuts")).toBe("e l s a");
    try {
      // On the focused row: its default container (the first, nginx), as kubectl picks it.
      await keys("l");
      await expect.poll(() => dock.getByRole("log", { name: "Log of nginx" }).count(), { timeout: 15_000 }).toBe(1);
      await grid.focus();
      await expect.poll(() => grid.getAttribute("aria-keyshortcuts")).toBe("e l s a");
      await keys("s");
      await expect.poll(() => dock.getByRole("tab", { name: /Shell myapp · nginx/ }).count(), { timeout: 15_000 }).toBe(1);
      await grid.focus();
      await expect.poll(() => grid.getAttribute("aria-keyshortcuts")).toBe("e l s a");
      await keys("e");
      const editor = page().getByRole("dialog", { name: "Edit demo/myapp" });
      await expect.poll(() => editor.getByText("name: myapp").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      // Esc is the editor's own (Monaco's widgets); its Cancel button closes it.
      await editor.getByRole("button", { name: "Cancel" }).focus();
      await keys("Enter");
      await expect.poll(() => editor.count()).toBe(0);
      // In its details: two containers, so the key opens the same menu as a click, to pick one.
      await grid.focus();
      await keys("Enter");
      const details = page().getByRole("dialog", { name: /myapp/ });
      // Its buttons shown (the pod read): their keys are heard.
      await expect.poll(() => details.getByRole("button", { name: "Console" }).count(), { timeout: 15_000 }).toBe(1);
      await keys("a");
      const menu = page().getByRole("menu").filter({ hasText: "nginx (default)" });
      await expect.poll(() => menu.count()).toBe(1);
      await shotBothThemes(shot, page(), "details-stream-key");
      // The menu has the keyboard: ↓ reaches its first item (the default container), ↓ again redis.
      await keys("ArrowDown");
      await expect.poll(() => page().evaluate(() => document.activeElement?.textContent)).toBe("nginx (default)");
      await keys("ArrowDown", "Enter");
      await expect.poll(() => dock.getByRole("tab", { name: /Console myapp · redis/ }).count(), { timeout: 15_000 }).toBe(1);
      // Opening a stream closed the details; F on them again asks for a port to forward.
      await grid.focus();
      await keys("Enter");
      await expect.poll(() => details.getByRole("button", { name: "Port forward" }).count(), { timeout: 15_000 }).toBe(1);
      await keys("Shift+F");
      const forward = page().getByRole("dialog", { name: /Port forward/ });
      await expect.poll(() => forward.count()).toBe(1);
      // Its port field has focus (Esc is the field's, closing its choices): Cancel closes it.
      await expect.poll(() => page().evaluate(() => document.activeElement?.tagName)).toBe("INPUT");
      await forward.getByRole("button", { name: "Cancel" }).focus();
      await keys("Enter");
      await expect.poll(() => forward.count()).toBe(0);
      await keys("Escape");
      await expect.poll(() => details.count()).toBe(0);
    } finally {
      // The details closed (by address) and the dock's tabs (their close buttons), so the suite's next steps start without them.
      await page().evaluate(() => (location.hash = "#/context/sandbox-admin/r/core/v1/pods"));
      while (await dock.count())
        await dock
          .getByRole("button", { name: /^Close / })
          .first()
          .click();
    }
  });

  it("names the missing permission when the viewer presses delete's key", async () => {
    await page().evaluate(() => (location.hash = "#/context/sandbox-viewer/r/core/v1/pods"));
    await expect.poll(live, { timeout: 30_000 }).toBe("true");
    await expect.poll(() => page().evaluate(() => document.activeElement?.getAttribute("role"))).toBe("grid");
    const refusal = page()
      .locator(".mantine-Notification-root")
      .filter({ hasText: /Not allowed: you need delete pods/ });
    await expect
      .poll(
        async () => {
          await keys("Control+d");
          return refusal.count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await shotBothThemes(shot, page(), "viewer-delete-key");
  });

  it("moves between connected clusters with [ and ]", async () => {
    await expect.poll(() => page().getByRole("tablist", { name: "Contexts" }).getByRole("tab").count(), { timeout: 30_000 }).toBe(2);
    // Out of the filter, onto the page: keys are the app's again.
    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await keys("BracketLeft");
    await expect.poll(hash).toMatch(/^#\/context\/sandbox-admin/);
    await keys("BracketRight");
    await expect.poll(hash).toMatch(/^#\/context\/sandbox-viewer/);
    expect(app.errors).toEqual([]);
  });
});

describe("accessibility", () => {
  it("reaches the rows from a fresh page through Skip to content", async () => {
    // The overview: no list there to take focus.
    await page().evaluate(() => (location.hash = "#/context/sandbox-admin"));
    await page().reload();
    await expect.poll(() => page().getByRole("region", { name: "Cluster overview" }).count(), { timeout: 30_000 }).toBe(1);
    await keys("Tab");
    const skip = page().getByRole("button", { name: "Skip to content" });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await keys("Enter");
    await expect.poll(() => page().evaluate(() => document.activeElement?.getAttribute("role") ?? document.activeElement?.tagName)).toMatch(/^(grid|MAIN)$/);
  });

  it("says a kind's jump key when its sidebar item has focus", async () => {
    const pods = page()
      .getByRole("navigation", { name: "Resources" })
      .getByRole("button", { name: /^Pods\b/ });
    await expect.poll(() => pods.count(), { timeout: 30_000 }).toBe(1);
    // Shift+Tab back from the page's content reaches the sidebar (the grid or main has focus).
    for (let i = 0; i < 80 && !(await pods.evaluate((el) => el === document.activeElement)); i++) await keys("Shift+Tab");
    await expect.poll(() => pods.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => page().getByRole("tooltip").innerText()).toBe("Key: g p");
    await shotBothThemes(shot, page(), "sidebar-key-hint");
  });

  it("has no serious or critical axe-core violations on the main screens, in either theme", async () => {
    const screens: [string, string][] = [
      ["overview", "#/context/sandbox-admin"],
      ["pods", "#/context/sandbox-admin/r/core/v1/pods"],
      ["pod details", "#/context/sandbox-admin/r/core/v1/pods/demo/myapp"],
      ["nodes", "#/context/sandbox-admin/r/core/v1/nodes"],
    ];
    const found: string[] = [];
    for (const scheme of ["light", "dark"] as const) {
      await page().emulateMedia({ colorScheme: scheme });
      await expect.poll(() => page().locator("html").getAttribute("data-mantine-color-scheme")).toBe(scheme);
      for (const [name, at] of screens) {
        await page().evaluate((h) => (location.hash = h), at);
        if (name === "overview") await expect.poll(() => page().locator('[data-figure="nodes"]').textContent(), { timeout: 30_000 }).toMatch(/ready/);
        else await expect.poll(() => page().locator("[role=grid]").getAttribute("data-live"), { timeout: 30_000 }).toBe("true");
        if (name === "pod details") await expect.poll(() => page().getByRole("dialog", { name: /myapp/ }).getByRole("tab").count()).toBeGreaterThan(0);
        // Colours are read once the theme's transitions are over.
        await expect.poll(() => page().evaluate(() => document.getAnimations().length)).toBe(0);
        // axe-core itself, evaluated in the page as the DevTools protocol does (the app's CSP allows no injected script).
        if (!(await page().evaluate(() => "axe" in window))) await page().evaluate(axeSource);
        const violations = await page().evaluate(async () => {
          const r = await (
            window as unknown as {
              axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
            }
          ).axe.run(document, { resultTypes: ["violations"] });
          return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map(
              (v) =>
                `${v.id} (${v.impact}): ${v.help} — ${v.nodes
                  .slice(0, 3)
                  .map((n) => n.target.join(" "))
                  .join("; ")}`,
            );
        });
        found.push(...violations.map((v) => `${scheme} ${name}: ${v}`));
      }
    }
    await page().emulateMedia({ colorScheme: "light" });
    expect(found).toEqual([]);
  });
});
