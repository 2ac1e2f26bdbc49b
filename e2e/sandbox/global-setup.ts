// Vitest global setup for integration and browser suites: one seeded practice cluster for
// the whole run. A cluster that was already running (a developer's) is left running; one
// started here is stopped again, and must leave no process behind.
import type { TestProject } from "vitest/node";
import { kubeconfigPath } from "./paths.ts";
import { down, isRunning, leftoverPids } from "./cluster.ts";
import { seed } from "./seed.ts";

let startedHere = false;

declare module "vitest" {
  export interface ProvidedContext {
    /** The practice cluster's kubeconfig (contexts sandbox-admin, -viewer, -broken). */
    kubeconfig: string;
  }
}

export async function setup(project: TestProject) {
  startedHere = !(await isRunning());
  await seed((line) => console.log(line));
  project.provide("kubeconfig", kubeconfigPath);
}

export async function teardown() {
  if (!startedHere || process.env.KUBEDECK_SANDBOX_KEEP) return;
  await down({ quiet: true });
  const left = leftoverPids();
  if (left.length) throw new Error(`sandbox: 'down' left processes behind: ${left.join(", ")}`);
}
