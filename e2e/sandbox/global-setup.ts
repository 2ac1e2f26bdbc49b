// Vitest global setup for integration and browser suites: one seeded practice cluster for
// the whole run. A cluster that was already running (a developer's) is left running; one
// started here is stopped again, and must leave no process behind.
import { existsSync } from "node:fs";
import { kubeconfigPath } from "./paths.ts";
import { down, leftoverPids } from "./cluster.ts";
import { seed } from "./seed.ts";

let startedHere = false;

export async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  startedHere = !existsSync(kubeconfigPath);
  await seed((line) => console.log(line));
  provide("kubeconfig", kubeconfigPath);
}

export async function teardown() {
  if (!startedHere || process.env.KUBEDECK_SANDBOX_KEEP) return;
  await down({ quiet: true });
  const left = leftoverPids();
  if (left.length) throw new Error(`sandbox: 'down' left processes behind: ${left.join(", ")}`);
}
