// OpenAPI v3 (as an API server publishes it at /openapi/v3/<group-version>) → JSON Schema for
// the YAML editor (DESIGN §5). The cluster's own document is the source, so CRDs validate by
// their own schema. What the conversion has to mend, because JSON Schema validators read these
// documents more literally than the API server does:
// - `allOf: [{$ref}]` is how Kubernetes attaches a description to a reference: unwrapped, so
//   the description stays beside the `$ref` (the editor shows it on hover);
// - int-or-string (`format: int-or-string`, CRDs' `x-kubernetes-int-or-string`) takes both;
// - a Quantity is a string or a number (`cpu: 1` is what everyone writes), whatever way a
//   server version spells that;
// - OpenAPI's `nullable` becomes a null type;
// - objects the server would reject unknown fields of are closed (`additionalProperties: false`,
//   as kubectl's strict field validation), but never under `x-kubernetes-preserve-unknown-fields`
//   or an embedded resource, where any field is allowed.

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `apps/v1`, or `v1` for the core group. */
export const apiVersionOf = (g: Pick<GroupVersionKind, "group" | "version">): string => (g.group ? `${g.group}/${g.version}` : g.version);

/** A group-version's path under the API server's root: `apis/apps/v1`, `api/v1` (discovery and /openapi/v3 alike). */
export function apiPathOf(apiVersion: string): string {
  return apiVersion.includes("/") ? `apis/${apiVersion}` : `api/${apiVersion}`;
}

const refPrefix = "#/components/schemas/";
const quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

/** One component converted, its `$ref`s pointing into `definitions`. */
function convert(node: unknown, open: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, open));
  if (!node || typeof node !== "object") return node;
  let src = node as JsonSchema;
  // `allOf` holding one reference only: the reference itself, with this node's own keys.
  if (Array.isArray(src.allOf) && src.allOf.length === 1 && typeof (src.allOf[0] as JsonSchema)?.$ref === "string") {
    const { allOf, ...rest } = src;
    src = { ...rest, $ref: (allOf as JsonSchema[])[0].$ref };
  }
  const openHere = open || src["x-kubernetes-preserve-unknown-fields"] === true || src["x-kubernetes-embedded-resource"] === true;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith("x-") || key === "nullable") continue;
    if (key === "$ref" && typeof value === "string") out.$ref = value.startsWith(refPrefix) ? `#/definitions/${value.slice(refPrefix.length)}` : value;
    else if (key === "properties" && value && typeof value === "object")
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, convert(s, openHere)]));
    else out[key] = convert(value, openHere);
  }
  if (src["x-kubernetes-int-or-string"] === true || src.format === "int-or-string") {
    out.type = ["integer", "string"];
    delete out.format;
    delete out.anyOf;
    delete out.oneOf;
  }
  if (src.nullable === true && out.type !== undefined) out.type = [...new Set([...[out.type].flat(), "null"])];
  if (!openHere && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (openHere) delete out.additionalProperties;
  return out;
}

/** The `x-kubernetes-group-version-kind` a component declares (several for shared ones like DeleteOptions). */
function kindsOf(schema: JsonSchema): GroupVersionKind[] {
  const list = schema["x-kubernetes-group-version-kind"];
  return Array.isArray(list) ? (list as GroupVersionKind[]) : [];
}

/** A group-version's document, converted: its definitions and which one is each kind's. */
export interface ConvertedDocument {
  definitions: Record<string, JsonSchema>;
  /** `apiVersion/kind` → the name of its definition. */
  kinds: Record<string, string>;
}

export function convertDocument(doc: OpenApiDocument, apiVersion: string): ConvertedDocument {
  const definitions: Record<string, JsonSchema> = {};
  const kinds: Record<string, string> = {};
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    definitions[name] = name === quantity ? { description: schema.description, type: ["string", "number"] } : (convert(schema, false) as JsonSchema);
    for (const gvk of kindsOf(schema)) {
      // Shared components (DeleteOptions, WatchEvent) list every group-version: only this one counts.
      if (apiVersionOf(gvk) === apiVersion && !(kindKey(apiVersion, gvk.kind) in kinds)) kinds[kindKey(apiVersion, gvk.kind)] = name;
    }
  }
  return { definitions, kinds };
}

export const kindKey = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

/** The definitions `root` needs, itself included (a kind's schema without the rest of its document). */
export function closure(definitions: Record<string, JsonSchema>, root: string): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const pending = [root];
  while (pending.length) {
    const name = pending.pop()!;
    if (name in out || !(name in definitions)) continue;
    out[name] = definitions[name];
    const text = JSON.stringify(definitions[name]);
    for (const m of text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) pending.push(m[1]);
  }
  return out;
}

export interface KindSchemaPart {
  apiVersion: string;
  kind: string;
  /** The definition this kind's documents are validated by. */
  ref: string;
  definitions: Record<string, JsonSchema>;
}

/**
 * One schema for an editor holding documents of several kinds: each document is checked by
 * the schema its own `apiVersion` and `kind` choose (if/then). A document of a kind the
 * cluster does not serve matches none; the editor marks that line itself.
 */
export function editorSchema(parts: KindSchemaPart[]): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const p of parts) Object.assign(definitions, p.definitions);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    // Shown as the source of each problem the editor marks.
    title: "the cluster's OpenAPI schema",
    type: "object",
    allOf: parts.map((p) => ({
      if: { properties: { apiVersion: { const: p.apiVersion }, kind: { const: p.kind } }, required: ["apiVersion", "kind"] },
      then: { $ref: `#/definitions/${p.ref}` },
    })),
    definitions,
  };
}
