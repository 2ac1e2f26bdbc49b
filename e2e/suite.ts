// Helpers the browser suites share (inside Vitest: they use its expect and the practice
// cluster's kubeconfig it provides). e2e/browser.ts holds what the bench uses too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import { launchChromium, startServe, type screenshotter } from "./browser.ts";
import { ensureBinaries } from "./sandbox/build.ts";
import { run } from "./sandbox/run.ts";

/** A screenshot in each theme (the app follows the system's, here the emulated one), named NAME-light and NAME-dark. */
export async function shotBothThemes(shot: ReturnType<typeof screenshotter>, page: Page, name: string) {
  await shot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => page.locator("html").getAttribute("data-mantine-color-scheme")).toBe("dark");
  await shot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => page.locator("html").getAttribute("data-mantine-color-scheme")).toBe("light");
}

/**
 * Starts watching whether the element `selector` finds now ever leaves the screen (hidden by a
 * Suspense waiting for code, say); the returned function stops watching and says whether it did.
 */
export async function watchLeavesScreen(page: Page, selector: string): Promise<() => Promise<boolean>> {
  const id = `leaves${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ([sel, key]) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`nothing matches ${sel}`);
      const w = window as unknown as Record<string, { left: boolean; watch: MutationObserver }>;
      const state = { left: false, watch: new MutationObserver(() => void (el.checkVisibility() || (state.left = true))) };
      state.watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["style", "class", "hidden"] });
      w[key] = state;
    },
    [selector, id] as const,
  );
  return () =>
    page.evaluate((key) => {
      const state = (window as unknown as Record<string, { left: boolean; watch: MutationObserver }>)[key];
      state.watch.disconnect();
      return state.left;
    }, id);
}

/** kubectl against the practice cluster, which the suites compare the app with. */
export async function kubectl(args: string[], input?: string): Promise<string> {
  const bins = await ensureBinaries(() => {});
  return run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args], { input });
}

/** Opens a route of the app and waits until its list is complete and live. */
export async function openList(page: Page, hash: string) {
  await page.evaluate((h) => (location.hash = h), hash);
  await expect.poll(() => page.locator("[role=grid]").getAttribute("data-live"), { timeout: 30_000 }).toBe("true");
}

/** Collects the page's uncaught errors and console errors into `into`, for a suite to assert none. */
export function collectErrors(page: Page, into: string[]) {
  page.on("pageerror", (e) => into.push(String(e)));
  page.on("console", (m) => m.type() === "error" && into.push(m.text()));
}

/** Serve mode on a settings folder of its own, and Chromium on it as the suites use it. */
export interface AppUnderTest {
  page: Page;
  /** The settings folder serve mode was given (drafts, journal). */
  userData: string;
  /** The page's uncaught errors and console errors; a suite asserts none at the end. */
  errors: string[];
  close(): Promise<void>;
}

/** Starts serve mode and opens it in Chromium (1440×1000, light, English; clipboard and downloads allowed). */
export async function openApp(): Promise<AppUnderTest> {
  const userData = mkdtempSync(join(tmpdir(), "kubedeck-user-data-"));
  const serve = await startServe(["--kubeconfig", inject("kubeconfig"), "--user-data", userData]);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: "light", locale: "en-US", acceptDownloads: true });
  // Tests paste as users do (typed text would be auto-indented by the editor) and read what "Copy all" copied.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: serve.origin });
  const page = await context.newPage();
  const errors: string[] = [];
  collectErrors(page, errors);
  await page.goto(serve.url);
  return {
    page,
    userData,
    errors,
    async close() {
      await browser.close();
      await serve.stop();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
