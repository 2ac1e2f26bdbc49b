// `npm run try`, as a newcomer runs it: to its ready line (on sandbox-admin), one request to
// the app, then Ctrl+C — the app stops without asking anything, and the cluster stays.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { isRunning } from "./cluster.ts";
import { repoDir } from "./paths.ts";

const userData = mkdtempSync(join(tmpdir(), "kubedeck-try-"));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

it("builds, starts and seeds the practice cluster, serves Kubedeck on sandbox-admin, and Ctrl+C stops only the app", { timeout: 300_000 }, async () => {
  // Its own process group, as in a terminal, so that Ctrl+C can be sent to all of it.
  const child = spawn("npm", ["run", "-s", "try", "--", "--no-open", "--user-data", userData], {
    cwd: repoDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await expect
      .poll(() => output, { timeout: 240_000, interval: 500 })
      .toMatch(/Kubedeck ready at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+#\/context\/sandbox-admin/);
    expect(output).toContain("sandbox: seeded");
    const [url, , port] = /Kubedeck ready at ((http:\/\/127\.0\.0\.1:(\d+))\/\?token=[\w-]+)#/.exec(output)!.slice(1);
    const redirect = await fetch(url, { redirect: "manual" });
    expect(redirect.status).toBe(303);
    const cookie = redirect.headers.get("set-cookie")!.split(";")[0];
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Kubedeck</title>");

    process.kill(-child.pid!, "SIGINT");
    await exited;
    expect(output).toContain("Kubedeck stopped. The practice cluster keeps running");
    expect(await listening(Number(port))).toBe(false);
    expect(await isRunning()).toBe(true);
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  }
});
