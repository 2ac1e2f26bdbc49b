// Builds every practice-cluster binary from the Go module proxy at the versions pinned in
// versions.json, into a cache outside the repository. A component is rebuilt only when its
// version (or, for our own agent, its source) changes; a finished build is marked by a
// `.complete` file so that a build killed half-way is never mistaken for a good one.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { binDir, sandboxDir, versions } from "./paths.ts";
import { run } from "./run.ts";

export interface Binaries {
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubectl: string;
  etcd: string;
  kwok: string;
  kwokctl: string;
  helm: string;
  /** crane's `registry serve`: an OCI registry for the Helm tests (charts pushed and installed by oci:// address). */
  crane: string;
  metricsServer: string;
  agent: string;
}

interface Component {
  name: string;
  version: string;
  /** Files the build leaves in its folder. */
  outputs: string[];
  build(dir: string): Promise<unknown>;
}

const goEnv = { ...process.env, GOTOOLCHAIN: versions.go, CGO_ENABLED: "0", GOFLAGS: "-trimpath -buildvcs=false" };

const go = (args: string[], cwd = sandboxDir, env: NodeJS.ProcessEnv = goEnv) => run("go", args, { cwd, env });

/** `go install module/cmd@version` into dir, with optional -ldflags. */
const goInstall = (dir: string, pkgs: string[], ldflags = "-s -w") => go(["install", `-ldflags=${ldflags}`, ...pkgs], sandboxDir, { ...goEnv, GOBIN: dir });

/** The version a wrapper module's go.mod requires of `module`; must agree with versions.json. */
function checkWrapperPin(wrapper: string, module: string, want: string) {
  const gomod = readFileSync(join(sandboxDir, wrapper, "go.mod"), "utf8");
  const have = new RegExp(`^\\s*(?:require\\s+)?${module.replace(/\./g, "\\.")}\\s+(v\\S+)`, "m").exec(gomod)?.[1];
  if (have !== want) {
    throw new Error(
      `e2e/sandbox/${wrapper}/go.mod requires ${module} ${have ?? "(none)"} but versions.json pins ${want}: ` +
        `update the require (and, for kubernetes, the staging replaces) in that go.mod, then run 'go mod tidy' there`,
    );
  }
}

function sourceHash(folder: string): string {
  const h = createHash("sha256");
  for (const f of readdirSync(folder).sort()) h.update(f).update(readFileSync(join(folder, f)));
  return h.digest("hex").slice(0, 12);
}

const k8sVersionPkg = "k8s.io/component-base/version";

const components: Component[] = [
  {
    name: "kubernetes",
    version: versions.kubernetes,
    outputs: ["k8s", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl"],
    async build(dir) {
      checkWrapperPin("k8s", "k8s.io/kubernetes", versions.kubernetes);
      const [major, minor] = versions.kubernetes.replace(/^v/, "").split(".");
      // kwokctl and kubectl read these back (`--version`), so they must be the real version.
      const ldflags = [
        "-s -w",
        `-X ${k8sVersionPkg}.gitVersion=${versions.kubernetes}`,
        `-X ${k8sVersionPkg}.gitMajor=${major}`,
        `-X ${k8sVersionPkg}.gitMinor=${minor}`,
        `-X ${k8sVersionPkg}.gitTreeState=clean`,
      ].join(" ");
      await go(["build", "-o", join(dir, "k8s"), `-ldflags=${ldflags}`, "."], join(sandboxDir, "k8s"));
      for (const name of this.outputs.slice(1)) symlinkSync("k8s", join(dir, name));
    },
  },
  {
    name: "etcd",
    version: versions.etcd,
    outputs: ["etcd"],
    async build(dir) {
      checkWrapperPin("etcd", "go.etcd.io/etcd/server/v3", versions.etcd);
      await go(["build", "-o", join(dir, "etcd"), "-ldflags=-s -w", "."], join(sandboxDir, "etcd"));
    },
  },
  {
    name: "kwok",
    version: versions.kwok,
    outputs: ["kwok", "kwokctl"],
    build: (dir) =>
      goInstall(
        dir,
        ["kwok", "kwokctl"].map((c) => `sigs.k8s.io/kwok/cmd/${c}@${versions.kwok}`),
        `-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${versions.kwok.replace(/^v/, "")} ` +
          `-X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${versions.kubernetes.replace(/^v/, "")}`,
      ),
  },
  {
    name: "helm",
    version: versions.helm,
    outputs: ["helm"],
    build: (dir) =>
      goInstall(
        dir,
        [`helm.sh/helm/${versions.helm.split(".")[0]}/cmd/helm@${versions.helm}`],
        `-s -w -X helm.sh/helm/${versions.helm.split(".")[0]}/internal/version.version=${versions.helm}`,
      ),
  },
  {
    name: "crane",
    version: versions.crane,
    outputs: ["crane"],
    build: (dir) => goInstall(dir, [`github.com/google/go-containerregistry/cmd/crane@${versions.crane}`]),
  },
  {
    name: "metrics-server",
    version: versions.metricsServer,
    outputs: ["metrics-server"],
    build: (dir) =>
      goInstall(
        dir,
        [`sigs.k8s.io/metrics-server/cmd/metrics-server@${versions.metricsServer}`],
        `-s -w -X k8s.io/client-go/pkg/version.gitVersion=${versions.metricsServer}`,
      ),
  },
  {
    name: "agent",
    version: sourceHash(join(sandboxDir, "agent")),
    outputs: ["kubedeck-sandbox-agent"],
    build: (dir) => go(["build", "-o", join(dir, "kubedeck-sandbox-agent"), "-ldflags=-s -w", "."], join(sandboxDir, "agent")),
  },
];

function elapsed(start: number) {
  const s = Math.round((Date.now() - start) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** Builds one component unless its folder is complete; true when it was built. */
async function ensureComponent(c: Component, log: (line: string) => void): Promise<boolean> {
  const dir = binDir(c.name, c.version);
  if (existsSync(join(dir, ".complete"))) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const start = Date.now();
  log(`sandbox: building ${c.name} ${c.version} …`);
  try {
    await c.build(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`sandbox: building ${c.name} ${c.version} failed after ${elapsed(start)}:\n${(e as Error).message}`);
  }
  writeFileSync(join(dir, ".complete"), new Date().toISOString() + "\n");
  log(`sandbox: built ${c.name} ${c.version} in ${elapsed(start)}`);
  return true;
}

/** Builds what is missing and returns the path of every binary. */
export async function ensureBinaries(log: (line: string) => void = console.log): Promise<Binaries> {
  const all = Date.now();
  let built = 0;
  for (const c of components) if (await ensureComponent(c, log)) built++;
  if (built) log(`sandbox: ${built} component(s) built in ${elapsed(all)}`);
  return binaryPaths();
}

/**
 * A Go command that is not part of the practice cluster (the bench's peer, k9s), built from
 * the Go module proxy like the cluster's own into the same cache, once per version. Returns its path.
 */
export async function ensureGoTool(name: string, pkg: string, version: string, log: (line: string) => void = console.log): Promise<string> {
  const binary = pkg.split("/").pop()!;
  await ensureComponent({ name, version, outputs: [binary], build: (dir) => goInstall(dir, [`${pkg}@${version}`]) }, log);
  return join(binDir(name, version), binary);
}

/** Where every binary is (or will be, once built). */
export function binaryPaths(): Binaries {
  const p = (name: string, file: string) => {
    const c = components.find((x) => x.name === name)!;
    return join(binDir(c.name, c.version), file);
  };
  return {
    kubeApiserver: p("kubernetes", "kube-apiserver"),
    kubeControllerManager: p("kubernetes", "kube-controller-manager"),
    kubeScheduler: p("kubernetes", "kube-scheduler"),
    kubectl: p("kubernetes", "kubectl"),
    etcd: p("etcd", "etcd"),
    kwok: p("kwok", "kwok"),
    kwokctl: p("kwok", "kwokctl"),
    helm: p("helm", "helm"),
    crane: p("crane", "crane"),
    metricsServer: p("metrics-server", "metrics-server"),
    agent: p("agent", "kubedeck-sandbox-agent"),
  };
}
