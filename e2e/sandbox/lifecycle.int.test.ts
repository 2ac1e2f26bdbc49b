// up/down of a second, throw-away cluster beside the seeded one: a cluster whose processes
// were killed is cleaned up by the next `up`, and `down` leaves no process behind.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { run } from "./run.ts";

const state = mkdtempSync(join(tmpdir(), "kubedeck-sandbox-lifecycle-"));
const env = { ...process.env, KUBEDECK_SANDBOX_STATE: state };
const cli = (args: string[]) => run(process.execPath, ["e2e/sandbox/cli.ts", ...args], { env });

/** Processes started from this cluster's state folder. */
function processes(): number[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(state);
      } catch {
        return false;
      }
    })
    .map(Number);
}

afterAll(async () => {
  await cli(["down"]).catch(() => {});
  rmSync(state, { recursive: true, force: true });
});

it("recovers from a killed cluster and stops without leaving processes", async () => {
  const kubeconfig = (await cli(["up"])).trim();
  expect(kubeconfig).toBe(join(state, "kubeconfig.yaml"));
  const running = processes();
  // etcd, kube-apiserver, controller-manager, scheduler, kwok, metrics-server, our agent.
  expect(running.length).toBeGreaterThanOrEqual(7);

  // A run killed hard: every process gone at once, its state left behind.
  for (const pid of running) process.kill(pid, "SIGKILL");
  await expect.poll(processes, { timeout: 10_000 }).toEqual([]);
  expect(await cli(["status"])).toContain("not running");

  const again = await run(process.execPath, ["e2e/sandbox/cli.ts", "up"], { env }).then((out) => out.trim());
  expect(again).toBe(kubeconfig);
  expect(await cli(["status"])).toMatch(/sandbox-worker-1\s+Ready/);

  await cli(["down"]);
  expect(processes()).toEqual([]);
  expect(existsSync(state)).toBe(false);
});
