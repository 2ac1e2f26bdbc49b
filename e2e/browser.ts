// Browser-suite helpers: `npm run serve` as a child process, and Debian's Chromium driven
// by playwright-core (DESIGN §9). Screenshots go to test-results/<suite>/.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { binaryPaths } from "./sandbox/build.ts";
import { repoDir } from "./sandbox/paths.ts";

export interface Serve {
  url: string;
  origin: string;
  port: number;
  token: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts serve mode (built by `npm run build`) and resolves once it prints its ready line; `nodeArgs` go to Node (the bench's --inspect). */
export function startServe(args: string[], nodeArgs: string[] = []): Promise<Serve> {
  // The practice cluster's helm stands for the copy an installed app brings.
  const child = spawn(process.execPath, [...nodeArgs, join(repoDir, "out/main/serve.js"), "--port", "0", "--no-open", "--helm", binaryPaths().helm, ...args], {
    cwd: repoDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const m = /Kubedeck ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(out);
      if (m) {
        resolve({
          url: m[1],
          origin: `http://127.0.0.1:${m[2]}`,
          port: Number(m[2]),
          token: m[3],
          process: child,
          output: () => out,
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.once("exit", () => r());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d: Buffer) => (out += d));
    child.once("exit", (code) => reject(new Error(`serve exited with ${code} before it was ready:\n${out}`)));
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export function screenshotter(suite: string) {
  const dir = join(repoDir, "test-results", suite);
  mkdirSync(dir, { recursive: true });
  // Transitions are played to their end: a dialog's overlay fades in over 200 ms, and a shot
  // taken as the dialog appears showed the page behind it undimmed.
  return (page: Page, name: string) => page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: "disabled" });
}

/**
 * Runs `body` with the UI in Chinese, then switches back to English. A failing body may
 * leave a dialog open over the language menu: those are closed first, and the body's own
 * error is the one reported, not the switch's.
 */
export async function inChinese(page: Page, body: () => Promise<void>): Promise<void> {
  const pick = async (menu: string, option: string) => {
    await page.getByRole("combobox", { name: menu }).click();
    await page.getByRole("option", { name: option }).click();
  };
  await pick("Language", "中文（简体）");
  let failure: unknown;
  try {
    await body();
  } catch (e) {
    failure = e;
  }
  try {
    const overlays = page.locator(".mantine-Modal-overlay");
    for (let i = 0; i < 5 && (await overlays.count()) > 0; i++) {
      await page.keyboard.press("Escape");
      await overlays
        .last()
        .waitFor({ state: "detached", timeout: 2000 })
        .catch(() => undefined);
    }
    await pick("语言", "English");
  } catch (e) {
    failure ??= e;
  }
  if (failure) throw failure;
}
