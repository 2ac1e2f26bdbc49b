// Changes to releases go through the real helm (DESIGN §7): which one (the path in settings,
// else the copy bundled with the app, else PATH), and one run of it for one context — its
// credentials resolved by main (exec plugins included) into a private kubeconfig that exists
// only while helm runs, helm's own folders the app's, its output streamed line by line, and the
// process stopped (by its recorded pid) when the run is cancelled.
import { spawn } from "node:child_process";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { RequestOptions } from "node:https";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { stringify } from "yaml";
import type { KubeConfig } from "@kubernetes/client-node";
import type { StreamEvents, StreamResults } from "../../src-shared/api/contract.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { helmArgs, helmStdin, joinPath, needsCluster, type HelmCommand } from "../../src-shared/k8s/helm-commands.ts";
import type { HelmBinaryInfo } from "../../src-shared/kinds/helm.ts";
import type { StreamSink } from "../api/stream-sink.ts";
import type { Connections } from "../kube/connections.ts";
import type { SettingsStore } from "../platform/settings.ts";

export type HelmBinary = HelmBinaryInfo;

const exe = process.platform === "win32" ? "helm.exe" : "helm";

const runnable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** A helm the app is given: its own installed copy, or serve's --helm. */
export type GivenHelm = { path: string; source: "bundled" | "flag" };

/** The bundled copy's path in an installed app (electron-builder's extraResources put resources/bin/<os>-<arch>/ there). */
export const bundledHelm = (resourcesPath: string) => join(resourcesPath, "bin", exe);

/** The helm to run: the configured path, else the bundled copy, else the first on PATH. */
export async function findHelm(opts: { configured?: string; given?: GivenHelm; env: NodeJS.ProcessEnv }): Promise<HelmBinary> {
  const candidates: { path: string; source: HelmBinary["source"] }[] = [];
  if (opts.configured) candidates.push({ path: opts.configured, source: "settings" });
  if (opts.given) candidates.push(opts.given);
  for (const dir of (opts.env.PATH ?? "").split(delimiter).filter(Boolean)) candidates.push({ path: join(dir, exe), source: "path" });
  for (const c of candidates) {
    if (!runnable(c.path)) {
      if (c.source === "settings")
        throw new ApiError({
          code: "NotFound",
          message: `helm is not at ${c.path}, the path set for it (Helm → Releases, the helm button), or cannot be run from there`,
        });
      continue;
    }
    const out = await collect(c.path, ["version", "--template", "{{.Version}}"], { ...opts.env }, 15_000);
    if (out.code !== 0) throw new ApiError({ code: "Internal", message: `${c.path} version failed: ${out.stderr.trim() || `exit code ${out.code}`}` });
    return { path: c.path, version: out.stdout.trim(), source: c.source };
  }
  throw new ApiError({
    code: "NotFound",
    message:
      "No helm was found: this copy of Kubedeck has none bundled and there is none on PATH. Install helm, or set its path with the helm button of Helm → Releases.",
  });
}

/** Runs a short helm command to its end (version, search …). */
function collect(path: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: e.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The context's connection as a kubeconfig of one context, its credentials as main resolved
 * them (a token from an exec plugin, a client certificate): helm runs no plugin of its own and
 * reads no file of the user's.
 */
export async function resolvedKubeconfig(kc: KubeConfig): Promise<string> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ApiError({ code: "Invalid", message: `context ${kc.getCurrentContext()} names no cluster` });
  const o: RequestOptions = {};
  await kc.applyToHTTPSOptions(o);
  const b64 = (v: unknown) => (v ? Buffer.from(v as string | Buffer).toString("base64") : undefined);
  const headers = (o.headers ?? {}) as Record<string, string>;
  const bearer = /^Bearer (.+)$/.exec(headers.Authorization ?? headers.authorization ?? "")?.[1];
  const [username, password] = typeof o.auth === "string" ? [o.auth.slice(0, o.auth.indexOf(":")), o.auth.slice(o.auth.indexOf(":") + 1)] : [];
  const user: Record<string, string> = {};
  if (bearer) user.token = bearer;
  if (o.cert) user["client-certificate-data"] = b64(o.cert)!;
  if (o.key) user["client-key-data"] = b64(o.key)!;
  if (username) Object.assign(user, { username, password });
  const clusterEntry: Record<string, unknown> = { server: cluster.server };
  if (o.ca) clusterEntry["certificate-authority-data"] = b64(o.ca);
  if (cluster.skipTLSVerify) clusterEntry["insecure-skip-tls-verify"] = true;
  if (cluster.tlsServerName) clusterEntry["tls-server-name"] = cluster.tlsServerName;
  if (cluster.proxyUrl) clusterEntry["proxy-url"] = cluster.proxyUrl;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubedeck", cluster: clusterEntry }],
    users: [{ name: "kubedeck", user }],
    contexts: [{ name: "kubedeck", context: { cluster: "kubedeck", user: "kubedeck" } }],
    "current-context": "kubedeck",
  });
}

export interface HelmRun {
  /** Ends helm (SIGTERM, then SIGKILL if it lingers). */
  stop(): void;
  /** Its exit code (null when a signal ended it). */
  done: Promise<number | null>;
}

export interface HelmRunOptions {
  /** The one context's kubeconfig, for commands that talk to a cluster. */
  kubeconfig?: string;
  /** Files made for this run (values), by name in the private folder; `args` gets their paths. */
  files?: Record<string, string>;
  /** What helm reads on its standard input (a password), never on its command line. */
  stdin?: string;
  homeDir: string;
  env: NodeJS.ProcessEnv;
  line(stream: "out" | "err", text: string): void;
}

/**
 * One helm run: `args` as built by main (never by the renderer), the kubeconfig and any other
 * file in a private folder removed when helm ends, and each line of output handed to `line` as
 * it comes.
 */
export function runHelm(helm: HelmBinary, args: (paths: Record<string, string>) => string[], opts: HelmRunOptions): HelmRun {
  const dir = mkdtempSync(join(tmpdir(), "kubedeck-helm-"));
  chmodSync(dir, 0o700);
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries({ ...opts.files, ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}) })) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], text, { mode: 0o600 });
  }
  for (const d of ["config", "cache", "data"]) mkdirSync(join(opts.homeDir, d), { recursive: true });
  // The user's own kubeconfig and helm settings stay out: this run is the one context's, with the app's folders.
  const env: NodeJS.ProcessEnv = { ...opts.env };
  for (const k of Object.keys(env)) if (k === "KUBECONFIG" || k.startsWith("HELM_")) delete env[k];
  Object.assign(env, {
    // Without a context, an empty kubeconfig: helm never falls back to ~/.kube/config.
    KUBECONFIG: paths.kubeconfig ?? join(dir, "none"),
    HELM_CONFIG_HOME: join(opts.homeDir, "config"),
    HELM_CACHE_HOME: join(opts.homeDir, "cache"),
    HELM_DATA_HOME: join(opts.homeDir, "data"),
  });
  const full = [...args(paths), ...(paths.kubeconfig ? ["--kubeconfig", paths.kubeconfig] : []), "--color", "never"];
  const child = spawn(helm.path, full, { env, stdio: [opts.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  if (opts.stdin !== undefined && child.stdin) {
    // helm may exit before reading (a bad flag): a closed pipe is its error to report, not ours.
    child.stdin.on("error", () => {});
    child.stdin.end(opts.stdin);
  }
  const split = (stream: "out" | "err") => {
    let rest = "";
    return {
      data(d: Buffer) {
        const lines = (rest + d.toString("utf8")).split("\n");
        rest = lines.pop() ?? "";
        for (const l of lines) opts.line(stream, l);
      },
      flush() {
        if (rest) opts.line(stream, rest);
        rest = "";
      },
    };
  };
  const out = split("out");
  const err = split("err");
  child.stdout!.on("data", out.data);
  child.stderr!.on("data", err.data);
  let killTimer: NodeJS.Timeout | undefined;
  const done = new Promise<number | null>((resolve, reject) => {
    child.on("error", (e) => {
      rmSync(dir, { recursive: true, force: true });
      reject(new ApiError({ code: "Internal", message: `${helm.path} could not be started: ${e.message}` }));
    });
    child.on("close", (code) => {
      clearTimeout(killTimer);
      out.flush();
      err.flush();
      rmSync(dir, { recursive: true, force: true });
      resolve(code);
    });
  });
  return {
    done,
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    },
  };
}

/** helm's major version from its `version` ("v4.3.1" → 4). */
export const helmMajor = (helm: HelmBinary) => Number(/^v?(\d+)/.exec(helm.version)?.[1] ?? 4);

/** Helm for the app: found once per configured path (again after a failure), and one run per `helm.run` stream. */
export class HelmCli {
  private found?: { configured: string; helm: Promise<HelmBinary> };
  private readonly opts: { connections: Connections; settings: SettingsStore; given?: GivenHelm; homeDir: string; env: NodeJS.ProcessEnv };

  constructor(opts: { connections: Connections; settings: SettingsStore; given?: GivenHelm; homeDir: string; env: NodeJS.ProcessEnv }) {
    this.opts = opts;
  }

  binary(): Promise<HelmBinary> {
    const configured = this.opts.settings.get().helmPath ?? "";
    if (this.found?.configured !== configured) {
      const helm = findHelm({ configured: configured || undefined, given: this.opts.given, env: this.opts.env });
      const found = { configured, helm };
      this.found = found;
      // Not found now may be found later (helm installed meanwhile): a failure is not kept.
      helm.catch(() => {
        if (this.found === found) this.found = undefined;
      });
    }
    return this.found.helm;
  }

  /** How a command runs: its arguments, the files and input it needs, and a cluster's kubeconfig when it talks to one. */
  private async prepare(context: string | undefined, command: HelmCommand) {
    // helm create writes over a chart that is there, the user's edits with it.
    if (command.command === "create" && existsSync(joinPath(command.directory, command.name)))
      throw new ApiError({
        code: "Conflict",
        message: `${joinPath(command.directory, command.name)} already exists: helm create would overwrite its files. Choose another name or folder.`,
      });
    const helm = await this.binary();
    const kubeconfig = context && needsCluster(command) ? await resolvedKubeconfig(this.opts.connections.config(context)) : undefined;
    const values = "values" in command && command.values?.trim() ? command.values : undefined;
    const major = helmMajor(helm);
    return {
      helm,
      shown: helmArgs(command, { major }),
      args: (paths: Record<string, string>) => helmArgs(command, { major, valuesFile: paths.values }),
      opts: { kubeconfig, files: values ? { values } : undefined, stdin: helmStdin(command), homeDir: this.opts.homeDir, env: this.opts.env },
    };
  }

  /** Runs one command for a context; the clean-up stops helm. */
  start(context: string, command: HelmCommand, sink: StreamSink<StreamEvents["helm.run"], StreamResults["helm.run"]>): () => void {
    let stopped = false;
    let run: HelmRun | undefined;
    void (async () => {
      const p = await this.prepare(context, command);
      if (stopped) return;
      sink.write({ started: ["helm", ...p.shown], version: p.helm.version });
      // Output is never dropped silently: a reader far behind sees how many lines it missed.
      run = runHelm(p.helm, p.args, { ...p.opts, line: (stream, line) => void sink.offer({ stream, line }) });
      const code = await run.done;
      sink.end({ code, ...(stopped ? { cancelled: true } : {}) });
    })().catch((e) => sink.fail(e));
    return () => {
      stopped = true;
      run?.stop();
    };
  }

  /** Runs a command to its end and gives its output; a failure is an error with helm's own words. */
  async output(context: string | undefined, command: HelmCommand, timeoutMs = 10 * 60_000): Promise<string> {
    const p = await this.prepare(context, command);
    return this.capture(p.helm, p.args, p.opts, timeoutMs);
  }

  /** Runs helm with arguments main built (a query: repo list, search, pull) and gives its standard output. */
  async query(args: (paths: Record<string, string>) => string[], opts: { files?: Record<string, string> } = {}, timeoutMs = 120_000): Promise<string> {
    return this.capture(await this.binary(), args, { ...opts, homeDir: this.opts.homeDir, env: this.opts.env }, timeoutMs);
  }

  private async capture(
    helm: HelmBinary,
    args: (paths: Record<string, string>) => string[],
    opts: Omit<HelmRunOptions, "line">,
    timeoutMs: number,
  ): Promise<string> {
    const r = await this.finish(helm, args, opts, timeoutMs);
    if (r.code !== 0) {
      const said = r.err.trim().replace(/^Error: /, "") || r.out.trim() || `exit code ${r.code ?? "—"}`;
      throw new ApiError({ code: r.code === null ? "Timeout" : "Invalid", message: `helm ${args({})[0]} failed: ${said}` });
    }
    return r.out;
  }

  /** Runs helm with arguments main built to its end, whatever its exit code (helm lint's findings are its output). */
  async finish(
    helm: HelmBinary,
    args: (paths: Record<string, string>) => string[],
    opts: Omit<HelmRunOptions, "line">,
    timeoutMs: number,
  ): Promise<{ code: number | null; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const run = runHelm(helm, args, { ...opts, line: (stream, line) => (stream === "out" ? out : err).push(line) });
    const timer = setTimeout(run.stop, timeoutMs);
    const code = await run.done.finally(() => clearTimeout(timer));
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  /** What a command needs to run outside a stream (its helm, arguments and files), for main's own callers. */
  prepared(command: HelmCommand) {
    return this.prepare(undefined, command);
  }
}
