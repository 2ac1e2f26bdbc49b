// Which processes belong to the practice cluster (DESIGN §8): the ones it started, and no
// others. kwokctl starts every component as <its workdir>/bin/<component>; the agent is our
// own binary, told its folder with --dir. A process is the cluster's only when its argv[0] is
// one of those executables (and, for the agent, its folder is this cluster's) — never because
// the state folder appears somewhere in its arguments: `npm run serve -- --kubeconfig
// <state>/kubeconfig.yaml`, an editor or a kubectl holding that path are the user's.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { cacheRoot, clusterName, sandboxDir, stateDir } from "./paths.ts";

/** The components kwokctl runs for us, by the name of their executable. */
export const components = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok-controller", "metrics-server"] as const;
/** What the supervisor keeps running: kwokctl's components and our agent. */
export type Component = (typeof components)[number] | "agent";

/**
 * The components this cluster was created with, as kwokctl recorded them in its kwok.yaml: the
 * bench's cluster runs without metrics-server (bench/run.ts, --metrics-server). All of them
 * when the record cannot be read (a cluster being created).
 */
export function clusterComponents(state = stateDir): (typeof components)[number][] {
  try {
    const config = parseAllDocuments(readFileSync(join(state, "kwok", "clusters", clusterName, "kwok.yaml"), "utf8"))[0]?.toJS() as {
      components?: { name?: string }[];
    };
    const named = new Set(config.components?.map((c) => c.name));
    return components.filter((c) => named.has(c));
  } catch {
    return [...components];
  }
}

/** The supervisor (e2e/sandbox/supervisor.ts), run by Node with this cluster's state folder. */
export const supervisorScript = join(sandboxDir, "supervisor.ts");

/** kwokctl links each component's binary into the cluster's own bin folder and starts it from there. */
const clusterBinDir = (state: string) => join(state, "kwok", "clusters", clusterName, "bin");
const agentName = "kubedeck-sandbox-agent";

export interface OwnProcess {
  pid: number;
  component: Component | "supervisor";
}

/** A process's arguments, argv[0] first; undefined when it is gone or not ours to read. */
export function argvOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return undefined;
  }
}

/** The value given to a flag, as `--flag value` or `--flag=value`. */
function flag(argv: string[], name: string): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** What the process `argv` is to the cluster kept in `state`, if it is one of its own. */
export function componentOf(argv: string[] | undefined, state = stateDir): OwnProcess["component"] | undefined {
  const exe = argv?.[0];
  if (!exe) return undefined;
  const name = basename(exe);
  if (exe === join(clusterBinDir(state), name) && (components as readonly string[]).includes(name)) return name as Component;
  if (name === agentName && exe.startsWith(join(cacheRoot, "bin") + "/") && flag(argv, "--dir") === join(state, "agent", "pods")) return "agent";
  if (argv[1] === supervisorScript && flag(argv, "--state") === state) return "supervisor";
  return undefined;
}

/** Every running process of the cluster kept in `state` (Linux: read from /proc). */
export function ownProcesses(state = stateDir): OwnProcess[] {
  if (process.platform !== "linux") return [];
  const out: OwnProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const component = componentOf(argvOf(pid), state);
    if (component) out.push({ pid, component });
  }
  return out;
}
