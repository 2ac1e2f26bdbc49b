// `npm run sandbox -- seed`: the tutorial's examples, live in the practice cluster.
// Every step checks what is there first, so seeding twice changes nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinaries, type Binaries } from "./build.ts";
import { up } from "./cluster.ts";
import { adminKubeconfig, apply, kubectl } from "./kubectl.ts";
import { selfSignedCertificate } from "./certificate.ts";
import { repoDir, sandboxDir, stateDir } from "./paths.ts";
import { CommandError, run } from "./run.ts";

const seedDir = join(sandboxDir, "seed");
export const chartDir = join(repoDir, "e2e", "fixtures", "charts", "storefront");
const deploymentImages = ["nginx:1.19", "nginx:1.20", "nginx:1.21"];

const exists = (bins: Binaries, args: string[]) =>
  kubectl(bins, ["get", ...args, "-o", "name"]).then(
    () => true,
    (e: CommandError) => {
      if (/NotFound|not found/.test(e.stderr)) return false;
      throw e;
    },
  );

async function tlsSecret(bins: Binaries) {
  if (await exists(bins, ["-n", "demo", "secret/demo-tls"])) return;
  const dir = mkdtempSync(join(tmpdir(), "kubedeck-tls-"));
  try {
    await selfSignedCertificate({
      commonName: "demo.kubedeck.local",
      subjectAltName: "DNS:demo.kubedeck.local",
      days: 365,
      keyOut: join(dir, "tls.key"),
      certOut: join(dir, "tls.crt"),
    });
    const secret = await kubectl(bins, [
      "create",
      "secret",
      "tls",
      "demo-tls",
      "-n",
      "demo",
      `--cert=${join(dir, "tls.crt")}`,
      `--key=${join(dir, "tls.key")}`,
      "--dry-run=client",
      "-o",
      "json",
    ]);
    await apply(bins, JSON.parse(secret));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Three revisions, each with its change-cause, as `kubectl rollout history` shows them. */
async function deploymentHistory(bins: Binaries) {
  const ns = ["-n", "demo"];
  if (!(await exists(bins, [...ns, "deployment/nginx-deployment"]))) {
    await kubectl(bins, ["apply", "--server-side", "--field-manager=kubedeck-sandbox", "-f", join(seedDir, "once", "deployment.yaml")]);
    await kubectl(bins, [
      ...ns,
      "annotate",
      "deployment/nginx-deployment",
      "--overwrite",
      `kubernetes.io/change-cause=create with image ${deploymentImages[0]}`,
    ]);
  }
  for (;;) {
    await kubectl(bins, [...ns, "rollout", "status", "deployment/nginx-deployment", "--timeout=120s"]);
    const revision = Number(
      await kubectl(bins, [...ns, "get", "deployment/nginx-deployment", "-o", `jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}`]),
    );
    if (revision >= deploymentImages.length) return;
    const image = deploymentImages[revision];
    await kubectl(bins, [...ns, "set", "image", "deployment/nginx-deployment", `nginx=${image}`]);
    await kubectl(bins, [...ns, "annotate", "deployment/nginx-deployment", "--overwrite", `kubernetes.io/change-cause=update image to ${image}`]);
  }
}

/** Environment that keeps helm's own config and cache out of the user's home. */
export function helmEnv(): NodeJS.ProcessEnv {
  const home = join(stateDir, "helm");
  return {
    ...process.env,
    KUBECONFIG: adminKubeconfig,
    HELM_CONFIG_HOME: join(home, "config"),
    HELM_CACHE_HOME: join(home, "cache"),
    HELM_DATA_HOME: join(home, "data"),
  };
}

/** Release `storefront` in namespace shop: installed, then upgraded once (2 revisions). */
async function helmRelease(bins: Binaries) {
  const helm = (args: string[]) => run(bins.helm, [...args, "-n", "shop"], { env: helmEnv() });
  let revisions = 0;
  try {
    revisions = JSON.parse(await helm(["history", "storefront", "-o", "json"])).length;
  } catch (e) {
    if (!/not found/.test((e as CommandError).stderr)) throw e;
  }
  if (revisions === 0) await helm(["install", "storefront", chartDir, "--description", "first install"]);
  if (revisions <= 1) {
    await helm(["upgrade", "storefront", chartDir, "--set", "replicaCount=2", "--set", "greeting=Welcome back", "--description", "two replicas"]);
  }
}

export async function seed(log: (line: string) => void = (l) => console.error(l)) {
  await up({ log });
  const bins = await ensureBinaries(log);
  const start = Date.now();
  log("sandbox: seeding");
  await kubectl(bins, ["apply", "--server-side", "--force-conflicts", "--field-manager=kubedeck-sandbox", "-f", seedDir]);
  await tlsSecret(bins);
  await deploymentHistory(bins);
  await helmRelease(bins);
  await kubectl(bins, ["wait", "-n", "demo", "--for=jsonpath={.status.phase}=Bound", "pvc/data-pvc", "--timeout=60s"]);
  log(`sandbox: seeded in ${Math.round((Date.now() - start) / 1000)}s`);
}
