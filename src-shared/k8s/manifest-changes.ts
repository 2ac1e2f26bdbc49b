// What an upgrade or rollback would do to a release's objects, object by object: which it
// adds, removes or changes, compared by kind, namespace and name across two rendered
// manifests (Helm's multi-document YAML). A side-by-side diff shows the lines; this says in
// one glance which objects they belong to.
import { parseAllDocuments } from "yaml";

export type ManifestChange = { kind: string; name: string; namespace?: string; change: "added" | "removed" | "changed" | "unchanged" };

/** The same object written with its keys in another order is the same object. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;

function objects(manifest: string): Map<string, { kind: string; name: string; namespace?: string; body: string }> {
  const out = new Map<string, { kind: string; name: string; namespace?: string; body: string }>();
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length) continue;
    const o = doc.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    if (!o || typeof o !== "object" || !o.kind) continue;
    const name = String(o.metadata?.name ?? "");
    const namespace = o.metadata?.namespace;
    out.set(`${o.kind}/${namespace ?? ""}/${name}`, { kind: o.kind, name, ...(namespace ? { namespace } : {}), body: JSON.stringify(canonical(o)) });
  }
  return out;
}

/** Every object of either manifest, in the order of `after` then what only `before` had. */
export function manifestChanges(before: string, after: string): ManifestChange[] {
  const a = objects(before);
  const b = objects(after);
  const out: ManifestChange[] = [];
  for (const [key, o] of b) {
    const old = a.get(key);
    out.push({
      kind: o.kind,
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      change: !old ? "added" : old.body === o.body ? "unchanged" : "changed",
    });
  }
  for (const [key, o] of a) if (!b.has(key)) out.push({ kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), change: "removed" });
  return out;
}
