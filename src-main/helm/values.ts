// What `helm get values --all` and `helm get manifest` show, from a stored release: the chart's
// defaults with the user's values over them, and the rendered objects — a Secret's values
// masked, as everywhere else in Kubedeck (they cross to the renderer only when revealed).
import { parseAllDocuments, stringify } from "yaml";

type Values = Record<string, unknown>;
const isMap = (v: unknown): v is Values => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Helm's coalescing: the user's values win; maps merge key by key, all the way down; a user's
 * null removes the chart's key (how Helm lets a value be unset); lists are replaced whole.
 */
export function coalesceValues(defaults: Values | null | undefined, user: Values | null | undefined): Values {
  const out: Values = { ...(defaults ?? {}) };
  for (const [k, v] of Object.entries(user ?? {})) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = coalesceValues(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

/** One object a release's manifest creates. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written in the manifest; absent for cluster-scoped objects and for those Helm puts in the release's namespace. */
  namespace?: string;
  /** The chart template it came from (Helm's "# Source:" line). */
  source?: string;
}

export const masked = "(hidden)";

/** The manifest's objects, and its text with every Secret's values masked. */
export function readManifest(manifest: string | undefined): { objects: ManifestObject[]; text: string } {
  if (!manifest?.trim()) return { objects: [], text: "" };
  const objects: ManifestObject[] = [];
  const parts: string[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    // The comment Helm writes above each object names its template.
    const comment = `${doc.commentBefore ?? ""}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ""}`;
    const source = /Source: (.+)/.exec(comment)?.[1]?.trim();
    const o = doc.errors.length ? undefined : (doc.toJS() as Record<string, unknown> | null);
    if (!isMap(o)) {
      if (doc.contents) parts.push(doc.toString());
      continue;
    }
    const meta = (isMap(o.metadata) ? o.metadata : {}) as { name?: string; namespace?: string };
    objects.push({
      apiVersion: String(o.apiVersion ?? ""),
      kind: String(o.kind ?? ""),
      name: String(meta.name ?? ""),
      ...(meta.namespace ? { namespace: String(meta.namespace) } : {}),
      ...(source ? { source } : {}),
    });
    if (o.kind === "Secret" && (o.apiVersion === "v1" || o.apiVersion === undefined)) {
      for (const field of ["data", "stringData"]) {
        if (isMap(o[field])) o[field] = Object.fromEntries(Object.keys(o[field] as Values).map((k) => [k, masked]));
      }
      parts.push(`${source ? `# Source: ${source}\n` : ""}${stringify(o)}`);
    } else parts.push(doc.toString());
  }
  // One separator per object, whether the document brought its own or not.
  return { objects, text: parts.map((p) => `---\n${p.replace(/^---[^\n]*\n/, "").trimEnd()}\n`).join("") };
}
