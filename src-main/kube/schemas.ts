// The editor's schemas, from the connected cluster itself (DESIGN §5): /openapi/v3 lists one
// document per group-version, each under a URL carrying its hash. Only the group-versions an
// editor asks for are fetched; each is converted once and kept per context by that URL, so a
// changed CRD (a new hash) is fetched again and an unchanged one never is.
import {
  closure,
  convertDocument,
  editorSchema,
  kindKey,
  apiPathOf,
  type ConvertedDocument,
  type KindSchemaPart,
  type OpenApiDocument,
} from "../../src-shared/k8s/openapi-schema.ts";
import type { EditorSchemas } from "../../src-shared/api/types.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import { getJson } from "./raw.ts";

interface Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** How long the index is trusted before it is asked again (CRDs come and go). */
const indexMs = 10_000;
/** Converted documents kept per context (a cluster serves a few dozen group-versions). */
const maxDocuments = 100;

export interface KindRequest {
  apiVersion: string;
  kind: string;
}

interface PerContext {
  index?: { at: number; value: Promise<Index> };
  documents: Map<string, Promise<ConvertedDocument>>;
}

export class Schemas {
  private readonly connections: Connections;
  private readonly contexts = new Map<string, PerContext>();

  constructor(connections: Connections) {
    this.connections = connections;
    // A context's credentials or cluster may change on reconnect; its cache goes with it.
    connections.onDisconnect((context) => this.contexts.delete(context));
  }

  private of(context: string): PerContext {
    let c = this.contexts.get(context);
    if (!c) this.contexts.set(context, (c = { documents: new Map() }));
    return c;
  }

  private index(context: string): Promise<Index> {
    const c = this.of(context);
    if (!c.index || Date.now() - c.index.at > indexMs) {
      const value = getJson<Index>(this.connections.config(context), "/openapi/v3");
      c.index = { at: Date.now(), value };
      value.catch(() => (c.index?.value === value ? (c.index = undefined) : undefined));
    }
    return c.index.value;
  }

  private document(context: string, url: string, apiVersion: string): Promise<ConvertedDocument> {
    const docs = this.of(context).documents;
    let doc = docs.get(url);
    if (!doc) {
      doc = getJson<OpenApiDocument>(this.connections.config(context), url).then((d) => convertDocument(d, apiVersion));
      doc.catch(() => docs.delete(url));
      docs.set(url, doc);
      // Oldest first out: a Map iterates in insertion order.
      while (docs.size > maxDocuments) docs.delete(docs.keys().next().value!);
    }
    return doc;
  }

  /** One schema validating each of these kinds by the cluster's own definition. */
  async forKinds(context: string, kinds: KindRequest[]): Promise<EditorSchemas> {
    let index: Index;
    try {
      index = await this.index(context);
    } catch (e) {
      throw toApiError(e, "reading the cluster's OpenAPI index (/openapi/v3)");
    }
    // In the order asked, whatever order the documents arrive in.
    const found = await Promise.all(
      kinds.map(async ({ apiVersion, kind }): Promise<KindSchemaPart | EditorSchemas["unknown"][number]> => {
        const entry = index.paths[apiPathOf(apiVersion)];
        if (!entry) return { apiVersion, kind, reason: `this cluster does not serve ${apiVersion}` };
        let doc: ConvertedDocument;
        try {
          doc = await this.document(context, entry.serverRelativeURL, apiVersion);
        } catch (e) {
          throw toApiError(e, `reading the schema of ${apiVersion}`);
        }
        const ref = doc.kinds[kindKey(apiVersion, kind)];
        if (!ref) return { apiVersion, kind, reason: `${apiVersion} has no kind ${kind}` };
        return { apiVersion, kind, ref, definitions: closure(doc.definitions, ref) };
      }),
    );
    return {
      schema: editorSchema(found.filter((f): f is KindSchemaPart => "ref" in f)),
      unknown: found.filter((f): f is EditorSchemas["unknown"][number] => "reason" in f),
    };
  }
}
