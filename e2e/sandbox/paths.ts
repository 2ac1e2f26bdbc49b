// Where the practice cluster keeps its things. Builds live outside the repository so a
// fresh clone reuses them, keyed by version so a changed pin rebuilds only what changed.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const sandboxDir = dirname(fileURLToPath(import.meta.url));
export const repoDir = join(sandboxDir, "..", "..");

export interface Versions {
  go: string;
  kubernetes: string;
  etcd: string;
  kwok: string;
  helm: string;
  crane: string;
  metricsServer: string;
}

export const versions: Versions = JSON.parse(readFileSync(join(sandboxDir, "versions.json"), "utf8"));

export const cacheRoot = process.env.KUBEDECK_SANDBOX_CACHE ?? join(homedir(), ".cache", "kubedeck", "sandbox");

/** Folder holding one component's binaries at one version. */
export const binDir = (component: string, version: string) => join(cacheRoot, "bin", `${component}-${version}`);

/** State of the running cluster: kwokctl's workdir, our agent's files, the kubeconfig. */
export const clusterName = "kubedeck-sandbox";
// KUBEDECK_SANDBOX_STATE lets a second, throw-away cluster run beside the main one (tests).
export const stateDir = process.env.KUBEDECK_SANDBOX_STATE ?? join(cacheRoot, "state");
export const kwokWorkdir = join(stateDir, "kwok");
export const kubeconfigPath = join(stateDir, "kubeconfig.yaml");
export const agentDir = join(stateDir, "agent");
/** The supervisor's log of deaths and restarts, and each component's state (e2e/sandbox/supervisor.ts). */
export const supervisorLog = join(stateDir, "supervisor.log");
export const supervisorState = join(stateDir, "supervisor.json");
