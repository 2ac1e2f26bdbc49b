// The helm commands Kubedeck runs, as data: main builds the arguments from these (the renderer
// never sends arguments), and the dialogs show the very command before it runs. Every free
// text that reaches helm's command line is checked here: no value may pass for a flag.
import { z } from "zod";

const name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a release name is lower-case letters, digits, '-' and '.'")
  .max(53);
const namespace = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a namespace is lower-case letters, digits and '-'")
  .max(63);
/** A Go duration as helm takes it: 30s, 5m, 1h30m. */
const duration = z
  .string()
  .regex(/^(\d+h)?(\d+m)?(\d+s)?$/, "a duration such as 90s, 5m or 1h")
  .refine((s) => s.length > 0, "a duration such as 90s, 5m or 1h");
/** A chart repository's local name (helm repo add NAME). */
const repoName = z
  .string()
  .regex(/^[A-Za-z0-9][-A-Za-z0-9_.]*$/, "a repository name is letters, digits, '-', '_' and '.'")
  .max(100);
/** An absolute path on this computer (a chart folder, a .tgz, where to create or package). */
const absolutePath = z
  .string()
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/])/.test(p) && !/[\0\n]/.test(p), "an absolute path, such as /home/me/charts/web");
/**
 * Where a chart comes from: `repo/chart` (an added repository), `oci://registry/path/chart`, or
 * an absolute path to a chart folder or packaged `.tgz`.
 */
export const chartRef = z
  .string()
  .max(4096)
  .refine(
    (r) => /^[A-Za-z0-9][-\w.]*\/[a-z0-9][-\w.]*$/.test(r) || /^oci:\/\/[^\s/]+\/\S+$/.test(r) || absolutePath.safeParse(r).success,
    "a chart: repo/chart, oci://registry/path/chart, or the absolute path of a chart folder or .tgz",
  );
/** A chart version or constraint ("1.2.3", "^1.2"); empty means the latest. */
export const chartVersion = z
  .string()
  .regex(/^[0-9A-Za-z^~<>=*.+, |-]*$/, "a chart version such as 1.2.3 or a constraint such as ^1.2")
  .refine((v) => !v.startsWith("-"), "a chart version such as 1.2.3")
  .max(100);
/** Values as YAML text, written to a private file and given with --values. */
const values = z.string().max(4 * 1024 * 1024);
const url = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/\S+$/, "an http:// or https:// address of a chart repository (its index.yaml is there)");
const credentials = {
  username: z
    .string()
    .max(256)
    .regex(/^[^\s-]\S*$/, "a user name")
    .optional(),
  password: z.string().max(4096).optional(),
};

export const helmCommandSchema = z.discriminatedUnion("command", [
  z
    .object({
      command: z.literal("rollback"),
      release: name,
      namespace,
      revision: z.number().int().min(1),
      /** Wait until what the revision deploys is ready (helm's watcher), up to `timeout`. */
      wait: z.boolean(),
      timeout: duration.optional(),
      /** Delete what a failed rollback created. */
      cleanupOnFail: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      command: z.literal("uninstall"),
      release: name,
      namespace,
      /** Mark the release uninstalled but keep its revisions (a later rollback can bring it back). */
      keepHistory: z.boolean(),
      wait: z.boolean(),
      timeout: duration.optional(),
    })
    .strict(),
  z
    .object({
      command: z.literal("install"),
      /** Absent: helm makes one up (--generate-name). */
      release: name.optional(),
      namespace,
      createNamespace: z.boolean(),
      chart: chartRef,
      version: chartVersion.optional(),
      values: values.optional(),
      wait: z.boolean(),
      timeout: duration.optional(),
      /** Undo a failed install (helm 3's --atomic, helm 4's --rollback-on-failure). */
      atomic: z.boolean(),
      /** An OCI registry without TLS (a local one): --plain-http. */
      plainHttp: z.boolean().optional(),
      /** Render on the server and change nothing: the preview. */
      dryRun: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      command: z.literal("upgrade"),
      release: name,
      namespace,
      chart: chartRef,
      version: chartVersion.optional(),
      /** The release's values as a whole: the chart's defaults under exactly these (--reset-values). */
      values: values.optional(),
      wait: z.boolean(),
      timeout: duration.optional(),
      /** Roll back a failed upgrade (helm 3's --atomic, helm 4's --rollback-on-failure). */
      atomic: z.boolean(),
      plainHttp: z.boolean().optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  z.object({ command: z.literal("test"), release: name, namespace, logs: z.boolean(), timeout: duration.optional() }).strict(),
  z
    .object({
      command: z.literal("repoAdd"),
      name: repoName,
      url,
      ...credentials,
      insecureSkipTlsVerify: z.boolean().optional(),
      /** Replace a repository of that name. */
      forceUpdate: z.boolean().optional(),
    })
    .strict(),
  z.object({ command: z.literal("repoUpdate"), names: z.array(repoName).max(500) }).strict(),
  z.object({ command: z.literal("repoRemove"), name: repoName }).strict(),
  z
    .object({
      command: z.literal("registryLogin"),
      host: z
        .string()
        .max(512)
        .regex(/^[A-Za-z0-9][-A-Za-z0-9.]*(:\d+)?$/, "a registry host such as registry.example.org or localhost:5000"),
      username: credentials.username.unwrap(),
      password: z.string().max(4096),
      /** A registry without TLS (a local one): --plain-http. */
      plainHttp: z.boolean().optional(),
    })
    .strict(),
  z.object({ command: z.literal("lint"), chart: absolutePath, values: values.optional(), strict: z.boolean().optional() }).strict(),
  z
    .object({
      command: z.literal("create"),
      /** The folder the chart's folder is made in. */
      directory: absolutePath,
      name: z
        .string()
        .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a chart name is lower-case letters, digits and '-'")
        .max(53),
    })
    .strict(),
  z.object({ command: z.literal("package"), chart: absolutePath, destination: absolutePath }).strict(),
]);

export type HelmCommand = z.infer<typeof helmCommandSchema>;
export type HelmCommandName = HelmCommand["command"];

/** Commands that talk to a cluster (the others work on repositories, registries and files). */
export const needsCluster = (c: HelmCommand) => ["rollback", "uninstall", "install", "upgrade", "test"].includes(c.command);

/** What differs between helm majors, and where main put the files it made for this run. */
export interface HelmArgsOptions {
  /** helm's major version (3 or 4); 4 when unknown. */
  major?: number;
  /** The file holding `values`, when given. */
  valuesFile?: string;
}

/** helm's arguments for a command (the kubeconfig and colour are main's to add). */
export function helmArgs(c: HelmCommand, o: HelmArgsOptions = {}): string[] {
  const v4 = (o.major ?? 4) >= 4;
  const waiting = (wait: boolean, timeout?: string) => [...(wait ? [v4 ? "--wait=watcher" : "--wait"] : []), ...(timeout ? ["--timeout", timeout] : [])];
  const atomic = (on: boolean) => (on ? [v4 ? "--rollback-on-failure" : "--atomic"] : []);
  const valuesArgs = (text?: string) => (text?.trim() ? ["--values", o.valuesFile ?? "values.yaml"] : []);
  const versionArgs = (v?: string) => (v ? ["--version", v] : []);
  // The rendered release, as JSON: the preview's manifest and notes.
  const dryRun = (on?: boolean) => (on ? ["--dry-run=server", "--output", "json"] : []);
  const plain = (on?: boolean) => (on ? ["--plain-http"] : []);
  switch (c.command) {
    case "rollback":
      return [
        "rollback",
        c.release,
        String(c.revision),
        "--namespace",
        c.namespace,
        ...waiting(c.wait, c.timeout),
        ...(c.cleanupOnFail ? ["--cleanup-on-fail"] : []),
      ];
    case "uninstall":
      return ["uninstall", c.release, "--namespace", c.namespace, ...(c.keepHistory ? ["--keep-history"] : []), ...waiting(c.wait, c.timeout)];
    case "install":
      return [
        "install",
        ...(c.release ? [c.release] : []),
        c.chart,
        ...(c.release ? [] : ["--generate-name"]),
        "--namespace",
        c.namespace,
        ...(c.createNamespace ? ["--create-namespace"] : []),
        ...versionArgs(c.version),
        ...valuesArgs(c.values),
        ...waiting(c.wait, c.timeout),
        ...atomic(c.atomic),
        ...plain(c.plainHttp),
        ...dryRun(c.dryRun),
      ];
    case "upgrade":
      return [
        "upgrade",
        c.release,
        c.chart,
        "--namespace",
        c.namespace,
        ...versionArgs(c.version),
        "--reset-values",
        ...valuesArgs(c.values),
        ...waiting(c.wait, c.timeout),
        ...atomic(c.atomic),
        ...plain(c.plainHttp),
        ...dryRun(c.dryRun),
      ];
    case "test":
      return ["test", c.release, "--namespace", c.namespace, ...(c.logs ? ["--logs"] : []), ...(c.timeout ? ["--timeout", c.timeout] : [])];
    case "repoAdd":
      return [
        "repo",
        "add",
        c.name,
        c.url,
        ...(c.username ? ["--username", c.username] : []),
        // The password goes on helm's standard input, never on its command line.
        ...(c.password ? ["--password-stdin"] : []),
        ...(c.insecureSkipTlsVerify ? ["--insecure-skip-tls-verify"] : []),
        ...(c.forceUpdate ? ["--force-update"] : []),
      ];
    case "repoUpdate":
      return ["repo", "update", ...c.names];
    case "repoRemove":
      return ["repo", "remove", c.name];
    case "registryLogin":
      return ["registry", "login", c.host, "--username", c.username, "--password-stdin", ...plain(c.plainHttp)];
    case "lint":
      return ["lint", c.chart, ...valuesArgs(c.values), ...(c.strict ? ["--strict"] : [])];
    case "create":
      return ["create", joinPath(c.directory, c.name)];
    case "package":
      return ["package", c.chart, "--destination", c.destination];
  }
}

/** What goes on helm's standard input: the password of a repository or registry, never shown. */
export const helmStdin = (c: HelmCommand): string | undefined =>
  c.command === "repoAdd" || c.command === "registryLogin" ? (c.password ? `${c.password}\n` : undefined) : undefined;

/** A folder and a name in it, with the separator the folder uses. */
export const joinPath = (dir: string, child: string) => {
  const sep = /^[A-Za-z]:\\/.test(dir) ? "\\" : "/";
  return dir.endsWith(sep) ? dir + child : dir + sep + child;
};

/** The command as a person would type it. */
export const helmCommandLine = (c: HelmCommand, o?: HelmArgsOptions) =>
  ["helm", ...helmArgs(c, o).map((a) => (/^[-\w./:=@+,]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`))].join(" ");
