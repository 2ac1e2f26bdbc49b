// Reading kubeconfig files and merging them the way kubectl does: the first file that
// names a cluster, user or context wins, and current-context comes from the first file
// that sets one. Relative paths inside a file are relative to that file. A file that
// cannot be read or parsed is reported with its path (and line) and skipped.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { ContextInfo, KubeconfigSource } from "../../src-shared/api/types.ts";

type Raw = Record<string, unknown>;
interface Named {
  name: string;
  value: Raw;
  file: string;
}

export interface MergedKubeconfig {
  current?: string;
  clusters: Map<string, Named>;
  users: Map<string, Named>;
  contexts: Map<string, Named>;
  sources: KubeconfigSource[];
}

/** The files kubectl would read: $KUBECONFIG's list, else ~/.kube/config; then the user's additions. */
export function sourcePaths(env: NodeJS.ProcessEnv, userPaths: string[]): { path: string; origin: KubeconfigSource["origin"] }[] {
  const seen = new Set<string>();
  const out: { path: string; origin: KubeconfigSource["origin"] }[] = [];
  const add = (path: string, origin: KubeconfigSource["origin"]) => {
    const abs = resolve(path.replace(/^~(?=$|\/|\\)/, homedir()));
    if (!seen.has(abs)) {
      seen.add(abs);
      out.push({ path: abs, origin });
    }
  };
  const fromEnv = (env.KUBECONFIG ?? "").split(delimiter).filter(Boolean);
  if (fromEnv.length) fromEnv.forEach((p) => add(p, "env"));
  else add(join(homedir(), ".kube", "config"), "default");
  for (const p of userPaths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // reported when read
    }
    if (isDir) {
      for (const f of readdirSync(p).sort()) if (!f.startsWith(".")) add(join(p, f), "user");
    } else add(p, "user");
  }
  return out;
}

const pathFields: Record<"cluster" | "user", string[]> = {
  cluster: ["certificate-authority"],
  user: ["client-certificate", "client-key", "tokenFile", "token-file"],
};

function absolutize(kind: "cluster" | "user", value: Raw, dir: string): Raw {
  const out = { ...value };
  for (const f of pathFields[kind]) {
    if (typeof out[f] === "string" && out[f] && !isAbsolute(out[f] as string)) out[f] = resolve(dir, out[f] as string);
  }
  // kubectl's field is tokenFile; client-node reads token-file.
  if (kind === "user" && out.tokenFile && !out["token-file"]) out["token-file"] = out.tokenFile;
  // An exec command given as a relative path (not a bare name looked up on PATH) is relative to the file.
  const exec = out.exec as Raw | undefined;
  if (kind === "user" && exec && typeof exec.command === "string" && /[\\/]/.test(exec.command) && !isAbsolute(exec.command)) {
    out.exec = { ...exec, command: resolve(dir, exec.command) };
  }
  return out;
}

/** Parses one file; throws an Error whose message names the problem (and line). */
export function parseKubeconfig(text: string): Raw {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : "";
    throw new Error(`${where}${e.message.split("\n")[0]}`);
  }
  const obj = doc.toJS() ?? {};
  if (typeof obj !== "object" || Array.isArray(obj)) throw new Error("not a kubeconfig: the file is not a YAML mapping");
  for (const list of ["clusters", "users", "contexts"]) {
    if (obj[list] !== undefined && obj[list] !== null && !Array.isArray(obj[list])) throw new Error(`"${list}" must be a list`);
    for (const [i, entry] of ((obj[list] as unknown[]) ?? []).entries()) {
      if (typeof (entry as Raw)?.name !== "string" || !(entry as Raw).name) throw new Error(`${list}[${i}] has no name`);
    }
  }
  return obj;
}

export function mergeKubeconfigs(paths: { path: string; origin: KubeconfigSource["origin"] }[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { clusters: new Map(), users: new Map(), contexts: new Map(), sources: [] };
  for (const { path, origin } of paths) {
    let obj: Raw;
    try {
      obj = parseKubeconfig(readFileSync(path, "utf8"));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // A missing default file is normal (no clusters yet); a missing named file is a problem.
      if (err.code === "ENOENT" && origin === "default") continue;
      const message = err.code === "ENOENT" ? "file not found" : err.code === "EACCES" ? "permission denied" : err.message;
      merged.sources.push({ path, origin, error: message, contexts: 0 });
      continue;
    }
    const dir = dirname(path);
    const take = (list: string, field: string, into: Map<string, Named>, kind?: "cluster" | "user") => {
      for (const entry of (obj[list] as Raw[] | undefined) ?? []) {
        const name = entry.name as string;
        if (into.has(name)) continue;
        const value = (entry[field] as Raw | undefined) ?? {};
        into.set(name, { name, value: kind ? absolutize(kind, value, dir) : value, file: path });
      }
    };
    take("clusters", "cluster", merged.clusters, "cluster");
    take("users", "user", merged.users, "user");
    take("contexts", "context", merged.contexts);
    if (!merged.current && typeof obj["current-context"] === "string" && obj["current-context"]) merged.current = obj["current-context"] as string;
    merged.sources.push({ path, origin, contexts: ((obj.contexts as unknown[]) ?? []).length });
  }
  return merged;
}

/** How a user authenticates, by kind only: never a secret. */
export function describeAuth(user: Raw | undefined): string {
  if (!user) return "none";
  const exec = user.exec as Raw | undefined;
  if (exec?.command) return `exec: ${basename(String(exec.command))}`;
  const provider = user["auth-provider"] as Raw | undefined;
  if (provider?.name) return `auth-provider: ${provider.name}`;
  if (user["client-certificate"] || user["client-certificate-data"]) return "client-certificate";
  if (user.token || user.tokenFile || user["token-file"]) return "token";
  if (user.username) return "basic";
  return "none";
}

export function contextInfos(m: MergedKubeconfig): ContextInfo[] {
  return [...m.contexts.values()].map(({ name, value, file }) => {
    const cluster = String(value.cluster ?? "");
    const user = String(value.user ?? "");
    return {
      name,
      cluster,
      user,
      namespace: typeof value.namespace === "string" ? value.namespace : undefined,
      server: m.clusters.get(cluster)?.value.server as string | undefined,
      source: file,
      auth: describeAuth(m.users.get(user)?.value),
    };
  });
}

/** A kubeconfig holding just one context, for client-node to load. Stays in main. */
export function singleContextConfig(m: MergedKubeconfig, context: string): Raw {
  const ctx = m.contexts.get(context);
  if (!ctx) throw new Error(`context "${context}" is not in any kubeconfig file`);
  const cluster = m.clusters.get(String(ctx.value.cluster));
  if (!cluster) throw new Error(`context "${context}" names cluster "${ctx.value.cluster}", which no kubeconfig file defines`);
  const user = m.users.get(String(ctx.value.user));
  return {
    apiVersion: "v1",
    kind: "Config",
    "current-context": context,
    clusters: [{ name: cluster.name, cluster: { ...cluster.value } }],
    users: [{ name: user?.name ?? "anonymous", user: user?.value ?? {} }],
    contexts: [{ name: context, context: { ...ctx.value, user: user?.name ?? "anonymous" } }],
  };
}
