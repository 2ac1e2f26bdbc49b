// The app-wide keys in a real browser, pressed and never clicked: g then a letter goes to a
// kind, / reaches the list's filter, ? shows every key, [ and ] move between connected
// clusters, and no key fires while the user types in a field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshotter } from "./browser.ts";
import { openApp, shotBothThemes, type AppUnderTest } from "./suite.ts";

const shot = screenshotter("keyboard");
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
  });

  it("moves between connected clusters with [ and ]", async () => {
    await page().evaluate(() => (location.hash = "#/context/sandbox-viewer"));
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
