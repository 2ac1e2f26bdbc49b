// Helm's release storage, read without the helm binary: each revision of a release is one
// Secret (type helm.sh/release.v1, Helm's default driver) or ConfigMap, named
// sh.helm.release.v1.<name>.v<revision> and labelled owner=helm, name, status, version. Its
// `release` entry is the release as JSON, gzipped, then base64 — and a Secret's data is base64
// once more. Decoding stays in main: only what a view shows goes to the renderer.
import { gunzipSync } from "node:zlib";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { HelmReleaseObject } from "../../src-shared/kinds/helm.ts";

/** Helm's release, the part we read (helm.sh/helm/pkg/release/v1's JSON). */
export interface StoredRelease {
  name: string;
  namespace: string;
  version: number;
  info?: {
    first_deployed?: string;
    last_deployed?: string;
    deleted?: string;
    description?: string;
    status?: string;
    notes?: string;
  };
  chart?: {
    metadata?: { name?: string; version?: string; appVersion?: string; description?: string; icon?: string };
    values?: Record<string, unknown> | null;
    schema?: string | null;
  };
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: {
    name?: string;
    kind?: string;
    path?: string;
    manifest?: string;
    events?: string[];
    weight?: number;
    delete_policies?: string[];
    last_run?: { started_at?: string; completed_at?: string; phase?: string };
  }[];
}

/** The labels Helm puts on every storage object it owns. */
export const storageSelector = "owner=helm";
// A release's latest revision is never "superseded" (a failed upgrade leaves the one before it
// deployed, so a release may have two): lists read only these, never the whole history.
export const currentSelector = "owner=helm,status!=superseded";

// A release can be large (a chart's templates are in it); a storage object holds at most 1 MiB
// of base64, which gunzips to far less than this.
const maxJsonBytes = 64 * 1024 * 1024;

export class StorageError extends Error {}

/** A storage object's `release` entry decoded: `secret` says whether it is a Secret's (base64 once more). */
export function decodeRelease(entry: unknown, secret: boolean): StoredRelease {
  if (typeof entry !== "string" || !entry) throw new StorageError("it has no release entry");
  const text = secret ? Buffer.from(entry, "base64").toString("latin1") : entry;
  const bytes = Buffer.from(text, "base64");
  let json: Buffer;
  try {
    // Helm gzips; very old releases (Helm 2's) were not, and begin with "{".
    json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes, { maxOutputLength: maxJsonBytes }) : bytes;
  } catch (e) {
    throw new StorageError(`its release entry is not gzip data (${(e as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString("utf8"));
  } catch (e) {
    throw new StorageError(`its release entry is not JSON (${(e as Error).message})`);
  }
  if (!parsed || typeof parsed !== "object" || typeof (parsed as StoredRelease).name !== "string")
    throw new StorageError("its release entry is not a Helm release");
  return parsed as StoredRelease;
}

/** A storage object's revision: from its labels, which Helm writes beside the payload. */
export const revisionOf = (o: K8sObject): number => Number(o.metadata?.labels?.version ?? 0) || 0;

/** The release a storage object holds, as the list shows it; a payload that cannot be read gives what the labels say, and why. */
export function releaseObject(o: K8sObject, storage: "Secret" | "ConfigMap"): { release: HelmReleaseObject; stored?: StoredRelease } {
  const labels: Record<string, string> = o.metadata?.labels ?? {};
  const base: HelmReleaseObject = {
    apiVersion: "helm.sh/v1",
    kind: "Release",
    metadata: {
      name: labels.name ?? o.metadata?.name ?? "",
      namespace: o.metadata?.namespace ?? "",
      uid: o.metadata?.uid ?? "",
      resourceVersion: o.metadata?.resourceVersion ?? "",
      creationTimestamp: o.metadata?.creationTimestamp,
      labels: { owner: "helm", ...(labels.status ? { status: labels.status } : {}) },
    },
    revision: revisionOf(o),
    status: labels.status ?? "unknown",
    chart: { name: "", version: "" },
    storage,
  };
  let stored: StoredRelease;
  try {
    stored = decodeRelease(o.data?.release, storage === "Secret");
  } catch (e) {
    return { release: { ...base, error: `${storage} ${o.metadata?.namespace}/${o.metadata?.name}: ${(e as Error).message}` } };
  }
  const meta = stored.chart?.metadata ?? {};
  return {
    stored,
    release: {
      ...base,
      revision: stored.version ?? base.revision,
      status: stored.info?.status ?? base.status,
      chart: {
        name: meta.name ?? "",
        version: meta.version ?? "",
        ...(meta.appVersion ? { appVersion: meta.appVersion } : {}),
        ...(meta.description ? { description: meta.description } : {}),
        ...(meta.icon ? { icon: meta.icon } : {}),
      },
      firstDeployed: stored.info?.first_deployed,
      lastDeployed: stored.info?.last_deployed,
      description: stored.info?.description,
    },
  };
}
