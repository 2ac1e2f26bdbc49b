// Charts and repositories, through the real helm (DESIGN §7): the repositories added to the
// app's own helm folders, search across them with every version, a chart's own files (README,
// default values, values.schema.json) read before it is installed, and an install or upgrade
// rendered by the server (a dry run) for its preview. Arguments are built here, never taken
// from the renderer; chart references and versions are checked by the same schema as commands.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { x as untar } from "tar";
import { parse } from "yaml";
import { ApiError } from "../../src-shared/api/errors.ts";
import { chartRef, chartVersion, type HelmCommand } from "../../src-shared/k8s/helm-commands.ts";
import type { HelmChartInfo, HelmChartVersion, HelmLintResult, HelmRendered, HelmRepository } from "../../src-shared/kinds/helm.ts";
import type { HelmCli } from "./cli.ts";
import { readManifest } from "./values.ts";

const isLocal = (ref: string) => !/^oci:\/\//.test(ref) && /^(\/|[A-Za-z]:[\\/])/.test(ref);

export class HelmCharts {
  private readonly cli: HelmCli;
  constructor(cli: HelmCli) {
    this.cli = cli;
  }

  /** The added repositories; none is an empty list (helm calls it an error). */
  async repositories(): Promise<HelmRepository[]> {
    try {
      return (JSON.parse((await this.cli.query(() => ["repo", "list", "--output", "json"])) || "[]") as HelmRepository[]).map(({ name, url }) => ({
        name,
        url,
      }));
    } catch (e) {
      if (/no repositories to show/.test((e as Error).message)) return [];
      throw e;
    }
  }

  /** Every version of every chart whose name, description or keywords match (all charts for an empty query). */
  async search(query: string): Promise<HelmChartVersion[]> {
    if (/^-/.test(query) || /[\0\n]/.test(query)) throw new ApiError({ code: "Invalid", message: `"${query}" is not a search term` });
    if (!(await this.repositories()).length) return [];
    const out = await this.cli.query(() => ["search", "repo", ...(query ? [query] : []), "--versions", "--output", "json"]);
    type Found = { name: string; version: string; app_version: string; description: string };
    return (JSON.parse(out || "[]") as Found[]).map((f) => ({ name: f.name, version: f.version, appVersion: f.app_version, description: f.description }));
  }

  /** A chart's own files: a local folder read in place, a .tgz unpacked, a repository's or registry's pulled (helm pull). */
  inspect(ref: string, version?: string, plainHttp?: boolean): Promise<HelmChartInfo> {
    return this.unpacked(ref, version, plainHttp, async (dir) => readChart(dir, ref));
  }

  /** Runs `use` on the chart as a folder: a local one in place, else unpacked into a private folder removed afterwards. */
  private async unpacked<T>(ref: string, version: string | undefined, plainHttp: boolean | undefined, use: (dir: string) => Promise<T>): Promise<T> {
    const checked = chartRef.safeParse(ref);
    if (!checked.success) throw new ApiError({ code: "Invalid", message: checked.error.issues[0].message });
    const v = chartVersion.safeParse(version ?? "");
    if (!v.success) throw new ApiError({ code: "Invalid", message: `"${version}": ${v.error.issues[0].message}` });
    if (isLocal(ref)) {
      if (!existsSync(ref)) throw new ApiError({ code: "NotFound", message: `${ref} does not exist` });
      if (statSync(ref).isDirectory()) return use(ref);
    }
    const dir = mkdtempSync(join(tmpdir(), "kubedeck-chart-"));
    try {
      if (isLocal(ref)) {
        await untar({ file: ref, cwd: dir, strict: true }).catch((e: Error) => {
          throw new ApiError({ code: "Invalid", message: `${ref} is not a packaged chart (.tgz): ${e.message}` });
        });
      } else {
        await this.cli.query(() => [
          "pull",
          ref,
          ...(version ? ["--version", version] : []),
          ...(plainHttp ? ["--plain-http"] : []),
          "--untar",
          "--untardir",
          dir,
        ]);
      }
      // A package holds one folder, named after the chart.
      const [top] = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
      if (!top) throw new ApiError({ code: "Invalid", message: `${ref} holds no chart folder` });
      return await use(join(dir, top));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * helm lint of a chart with the values to be given: a local folder in place, anything else
   * unpacked or pulled first (lint reads folders). Findings are the answer, not an error.
   */
  async lint(ref: string, version: string | undefined, values: string | undefined, plainHttp?: boolean): Promise<HelmLintResult> {
    return this.unpacked(ref, version, plainHttp, async (dir) => {
      const p = await this.cli.prepared({ command: "lint", chart: dir, ...(values?.trim() ? { values } : {}) });
      const r = await this.cli.finish(p.helm, p.args, p.opts, 120_000);
      const lines = `${r.out}\n${r.err}`.split("\n").filter((l) => l.trim());
      return { ok: r.code === 0, output: lines.join("\n").replaceAll(dir, ref) };
    });
  }

  /** An install or upgrade as the server would make it, changing nothing. */
  async render(context: string, command: Extract<HelmCommand, { command: "install" | "upgrade" }>): Promise<HelmRendered> {
    const out = await this.cli.output(context, { ...command, dryRun: true, wait: false, atomic: false, timeout: undefined });
    type Rendered = {
      name: string;
      namespace: string;
      version: number;
      manifest?: string;
      info?: { notes?: string };
      chart?: { metadata?: { name?: string; version?: string } };
      hooks?: { name: string; kind: string; events?: string[] }[];
    };
    // helm may print warnings before the JSON on standard output.
    const r = JSON.parse(out.slice(out.indexOf("{"))) as Rendered;
    return {
      name: r.name,
      namespace: r.namespace,
      revision: r.version,
      chart: `${r.chart?.metadata?.name ?? ""}-${r.chart?.metadata?.version ?? ""}`,
      // As the release's own manifest is shown: Secrets' values masked, one separator per object.
      ...(({ objects, text }) => ({ manifest: text, objects }))(readManifest(r.manifest)),
      notes: r.info?.notes ?? "",
      hooks: (r.hooks ?? []).map((h) => ({ name: h.name, kind: h.kind, events: h.events ?? [] })),
    };
  }
}

/** Reads what a chart folder says about itself; a file that is there but broken is named with its problem. */
export function readChart(dir: string, ref: string): HelmChartInfo {
  const file = (name: string) => join(dir, name);
  if (!existsSync(file("Chart.yaml"))) throw new ApiError({ code: "Invalid", message: `${dir} is not a chart: it has no Chart.yaml` });
  let meta: Record<string, unknown>;
  try {
    meta = (parse(readFileSync(file("Chart.yaml"), "utf8")) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new ApiError({ code: "Invalid", message: `${file("Chart.yaml")}: ${(e as Error).message}` });
  }
  let schema: Record<string, unknown> | undefined;
  if (existsSync(file("values.schema.json"))) {
    try {
      schema = JSON.parse(readFileSync(file("values.schema.json"), "utf8")) as Record<string, unknown>;
    } catch (e) {
      throw new ApiError({ code: "Invalid", message: `${file("values.schema.json")} is not JSON: ${(e as Error).message}` });
    }
  }
  const readme = readdirSync(dir).find((f) => /^readme(\.md|\.txt)?$/i.test(f));
  const deps = Array.isArray(meta.dependencies) ? (meta.dependencies as Record<string, string>[]) : [];
  return {
    ref,
    name: String(meta.name ?? ""),
    version: String(meta.version ?? ""),
    ...(meta.appVersion !== undefined ? { appVersion: String(meta.appVersion) } : {}),
    ...(meta.description ? { description: String(meta.description) } : {}),
    dependencies: deps.map((d) => ({ name: d.name, ...(d.version ? { version: d.version } : {}), ...(d.repository ? { repository: d.repository } : {}) })),
    ...(readme ? { readme: readFileSync(file(readme), "utf8") } : {}),
    values: existsSync(file("values.yaml")) ? readFileSync(file("values.yaml"), "utf8") : "",
    ...(schema ? { schema } : {}),
    hasTests: existsSync(join(dir, "templates", "tests")),
  };
}
