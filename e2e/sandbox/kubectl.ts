// kubectl as cluster-admin of the practice cluster, for the driver's own steps.
import { join } from "node:path";
import type { Binaries } from "./build.ts";
import { clusterName, kwokWorkdir } from "./paths.ts";
import { run } from "./run.ts";

/** kwokctl's own admin kubeconfig (client certificate, file paths). */
export const adminKubeconfig = join(kwokWorkdir, "clusters", clusterName, "kubeconfig.yaml");

export const kubectl = (bins: Binaries, args: string[], input?: string) => run(bins.kubectl, ["--kubeconfig", adminKubeconfig, ...args], { input });

/** Server-side apply: repeatable, and the owner of each field is recorded as ours. */
export const apply = (bins: Binaries, manifest: unknown) =>
  kubectl(bins, ["apply", "--server-side", "--force-conflicts", "--field-manager=kubedeck-sandbox", "-f", "-"], JSON.stringify(manifest));
