// A chart repository of our own, served over HTTP on 127.0.0.1 for the Helm tests: the
// fixture charts packaged with the real helm (guestbook twice, as 0.1.0 and 0.2.0, so that a
// search has versions to offer and an upgrade somewhere to go), indexed with `helm repo
// index`, and served as a repository is (index.yaml and the .tgz files beside it).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ensureBinaries } from "./sandbox/build.ts";
import { repoDir } from "./sandbox/paths.ts";
import { run } from "./sandbox/run.ts";
import { helmEnv } from "./sandbox/seed.ts";

export const fixtureCharts = join(repoDir, "e2e", "fixtures", "charts");

export interface ChartRepo {
  url: string;
  /** What the server was asked for, in order (to see that helm did fetch from it). */
  requests: string[];
  stop(): Promise<void>;
}

/** `auth`: the repository asks for these credentials (HTTP basic), as a private one does. */
export async function startChartRepo(auth?: { username: string; password: string }): Promise<ChartRepo> {
  const bins = await ensureBinaries(() => {});
  const helm = (...args: string[]) => run(bins.helm, args, { env: helmEnv() });
  const work = mkdtempSync(join(tmpdir(), "kubedeck-test-repo-"));
  const served = join(work, "repo");
  await helm("package", join(fixtureCharts, "guestbook"), "--destination", served);
  await helm("package", join(fixtureCharts, "storefront"), "--destination", served);
  // The same chart, one version up, with a new app version.
  const next = join(work, "guestbook");
  cpSync(join(fixtureCharts, "guestbook"), next, { recursive: true });
  const chartYaml = join(next, "Chart.yaml");
  writeFileSync(chartYaml, readFileSync(chartYaml, "utf8").replace("version: 0.1.0", "version: 0.2.0").replace('appVersion: "2.1.0"', 'appVersion: "2.2.0"'));
  await helm("package", next, "--destination", served);

  const requests: string[] = [];
  const expected = auth && `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
  const server = createServer((req, res) => {
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="charts"' }).end("unauthorized");
      return;
    }
    const file = basename(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(file);
    try {
      const body = readFileSync(join(served, file));
      res.writeHead(200, { "content-type": file.endsWith(".yaml") ? "application/yaml" : "application/gzip" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  // The index names each package by its address on this server.
  await helm("repo", "index", served, "--url", url);
  return {
    url,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(work, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
