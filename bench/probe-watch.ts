// The bench's own watches of the probe pods: when each one's ADDED event reached a client other
// than Kubedeck, through two requests.
// - `wide`: every pod in every namespace, the request Kubedeck's "Pods, all namespaces" makes.
//   Against the create call's return, that is the cluster's part of the event-to-row lag;
//   against the row's appearance, Kubedeck's part.
// - `narrow`: the probes' namespace and label only. Under churn the API server hands a new pod
//   to a watch of every pod later than to one that sees nothing else (a scratch run at 30,000
//   pods: up to 1.6 s later), so the narrow watch alone would count that wait as Kubedeck's.
//
// They run in a worker thread with a client of their own, as the churn does: the wide watch
// reads every churned pod, and on the bench's busy thread it both noted probes late and read
// too slowly, until the API server closed it. A watch the server ends is opened again from
// the last version it read, as Kubedeck's own watches are.
import type { Kube, WatchHandle } from "./kube.ts";
import { serveKubeTask, startKubeTask } from "./kube-worker.ts";
import { probeLabel, probeNamespace, probePrefix } from "./pods.ts";

export interface ProbeSightings {
  /** Probe key → Date.now() when the watch of every pod received its ADDED event. */
  wide: Record<string, number>;
  /** The same for the watch of the probes' namespace and label only. */
  narrow: Record<string, number>;
  /** Watches the API server ended and the worker opened again (from the last version read). */
  reopened: number;
  /** What went wrong on the way, if anything (a watch that could not be resumed, a failed request). */
  errors: string[];
}

/** Starts both watches in a worker; resolves once both have asked from their lists' versions. */
export function watchProbes(kubeconfig: string): Promise<{ stop(): Promise<ProbeSightings> }> {
  return startKubeTask<undefined, ProbeSightings>(new URL(import.meta.url), "probe watches", kubeconfig, undefined);
}

const versionOf = /"resourceVersion":"(\d+)"/;
const maxReopenings = 20;

/**
 * One watch of `path` (with `query`), from a list's version so no probe created while it
 * connects is missed, noting each probe's first ADDED event in `seen`; opened again from the last
 * version read whenever it ends. Resolves once it has that first version and has asked.
 */
async function follow(kube: Kube, path: string, query: string, seen: Record<string, number>, s: ProbeSightings): Promise<() => Promise<void>> {
  const and = query ? `${query}&` : "";
  const listVersion = async () => (await kube.get<{ metadata: { resourceVersion: string } }>(`${path}?${and}limit=1`)).metadata.resourceVersion;
  let version = await listVersion();
  let stopped = false;
  let gone = false;
  const open = () =>
    kube.watch(
      `${path}?${and}allowWatchBookmarks=true&resourceVersion=${version}`,
      (e) => {
        if (e.type === "ERROR") {
          const status = e.object as { code?: number; message?: string };
          gone = status.code === 410;
          throw new Error(status.message ?? "a watch error");
        }
        const { name, namespace } = e.object.metadata ?? {};
        if (e.type === "ADDED" && namespace === probeNamespace && name?.startsWith(probePrefix)) seen[`${namespace}/${name}`] ??= Date.now();
      },
      (line) => {
        // Every line moves the version on (an object's own comes first in its metadata); only
        // the probes' lines and errors are parsed.
        const m = versionOf.exec(line);
        if (m) version = m[1];
        return line.includes(`"name":"${probePrefix}`) || line.startsWith('{"type":"ERROR"');
      },
    );
  let current: WatchHandle = open();
  let openedAt = performance.now();
  const loop = (async () => {
    for (let attempt = 1; ; attempt++) {
      const error = await current.ended;
      if (stopped) return;
      if (attempt > maxReopenings) return void s.errors.push(`${path}: ended ${attempt} times; not opened again`);
      s.reopened++;
      // It goes on from the last version read. Only after 410 Gone (that version is older than
      // the server keeps) does a list give a new one: a probe created in between is then missing
      // from the split, and the error says why.
      if (error) s.errors.push(`${path}: ${error.message}`);
      // At once, unless it ended as soon as it was opened: then not in a tight loop.
      if (performance.now() - openedAt < 1000) await new Promise((resolve) => setTimeout(resolve, 200));
      if (stopped) return;
      if (gone) {
        gone = false;
        try {
          version = await listVersion();
        } catch (e) {
          s.errors.push(`${path}: listing for a version: ${(e as Error).message}`);
        }
      }
      current = open();
      openedAt = performance.now();
    }
  })();
  return async () => {
    stopped = true;
    await current.stop();
    await loop;
  };
}

await serveKubeTask<undefined, ProbeSightings>("probe watches", async (kube) => {
  const sightings: ProbeSightings = { wide: {}, narrow: {}, reopened: 0, errors: [] };
  const selector = `labelSelector=${encodeURIComponent(`${probeLabel}=true`)}`;
  const stops = [
    await follow(kube, `/api/v1/namespaces/${probeNamespace}/pods`, selector, sightings.narrow, sightings),
    await follow(kube, "/api/v1/pods", "", sightings.wide, sightings),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
    return sightings;
  };
});
