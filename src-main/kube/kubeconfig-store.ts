// The contexts Kubedeck knows: every kubeconfig source merged, reloaded when a file
// changes. Listeners get a snapshot without credentials; the merged config itself, with
// its secrets, never leaves main.
import { constants, copyFileSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { dirname, basename } from "node:path";
import type { ContextsSnapshot } from "../../src-shared/api/types.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { writeFileAtomic } from "../platform/atomic-file.ts";
import { setContextNamespace } from "./kubeconfig-edit.ts";
import { proxyFromEnvironment } from "./proxy-env.ts";
import { contextInfos, mergeKubeconfigs, singleContextConfig, sourcePaths, type MergedKubeconfig } from "./kubeconfig-files.ts";

type Listener = (s: ContextsSnapshot) => void;

export class KubeconfigStore {
  private merged!: MergedKubeconfig;
  private snapshotJson = "";
  private listeners = new Set<Listener>();
  private watchers: FSWatcher[] = [];
  private reloadTimer?: NodeJS.Timeout;
  private userPaths: string[];
  private readonly env: NodeJS.ProcessEnv;

  constructor(env: NodeJS.ProcessEnv, userPaths: string[]) {
    this.env = env;
    this.userPaths = userPaths;
    this.reload();
  }

  snapshot(): ContextsSnapshot {
    return { current: this.merged.current, contexts: contextInfos(this.merged), sources: this.merged.sources };
  }

  /** The one-context kubeconfig for client-node (credentials included: main only), with
   * the environment's proxy made explicit when the cluster names none. */
  configFor(context: string) {
    const config = singleContextConfig(this.merged, context);
    const cluster = (config.clusters as { cluster: Record<string, unknown> }[])[0].cluster;
    const proxy = cluster["proxy-url"] ? undefined : proxyFromEnvironment(String(cluster.server ?? ""), this.env);
    if (proxy) cluster["proxy-url"] = proxy;
    return config;
  }

  /**
   * Makes `namespace` the context's default in the kubeconfig file that defines it (an explicit
   * user action, DESIGN §11): a backup beside it first, then the one line written atomically.
   */
  setDefaultNamespace(context: string, namespace: string): { file: string; backup: string } {
    const entry = this.merged.contexts.get(context);
    if (!entry) throw new ApiError({ code: "NotFound", message: `no context "${context}" in the kubeconfig files` });
    const file = entry.file;
    let text: string;
    let mode: number;
    try {
      text = readFileSync(file, "utf8");
      mode = statSync(file).mode & 0o777;
    } catch (e) {
      throw new ApiError({ code: "Internal", message: `reading ${file}: ${(e as Error).message}` });
    }
    let edited: string;
    try {
      edited = setContextNamespace(text, context, namespace);
    } catch (e) {
      throw new ApiError({ code: "Invalid", message: `${file}: ${(e as Error).message}` });
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const backup = `${file}.kubedeck-backup-${stamp}`;
    try {
      copyFileSync(file, backup, constants.COPYFILE_EXCL);
      writeFileAtomic(file, edited, mode);
    } catch (e) {
      throw new ApiError({ code: "Internal", message: `writing ${file}: ${(e as Error).message}; the file was left as it was` });
    }
    this.reload();
    return { file, backup };
  }

  setUserPaths(paths: string[]) {
    this.userPaths = paths;
    this.reload();
  }

  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  reload() {
    const paths = sourcePaths(this.env, this.userPaths);
    this.merged = mergeKubeconfigs(paths);
    this.rewatch([...new Set(paths.map((p) => dirname(p.path)))], new Set(paths.map((p) => p.path)));
    const snap = this.snapshot();
    const json = JSON.stringify(snap);
    if (json !== this.snapshotJson) {
      this.snapshotJson = json;
      for (const l of this.listeners) l(snap);
    }
  }

  // Folders are watched rather than files: editors and kubectl replace a file by renaming
  // a new one over it, and a file that does not exist yet can still appear.
  private rewatch(dirs: string[], files: Set<string>) {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    const names = new Set([...files].map((f) => basename(f)));
    for (const dir of dirs) {
      try {
        const w = watch(dir, (_event, name) => {
          if (name && !names.has(name.toString()) && !this.userPaths.includes(dir)) return;
          clearTimeout(this.reloadTimer);
          this.reloadTimer = setTimeout(() => this.reload(), 150);
        });
        w.on("error", () => w.close());
        this.watchers.push(w);
      } catch {
        // A folder that does not exist cannot be watched; its files are reported missing.
      }
    }
  }

  close() {
    clearTimeout(this.reloadTimer);
    for (const w of this.watchers) w.close();
    this.listeners.clear();
  }
}
