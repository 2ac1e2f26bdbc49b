// Helpers the browser suites share (inside Vitest: they use its expect and the practice
// cluster's kubeconfig it provides). e2e/browser.ts holds what the bench uses too.
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import type { screenshotter } from "./browser.ts";
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
