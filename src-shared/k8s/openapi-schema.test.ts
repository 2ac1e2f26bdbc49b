import { describe, expect, it } from "vitest";
import { closure, convertDocument, editorSchema, apiPathOf, type OpenApiDocument } from "./openapi-schema.ts";
import type { K8sObject } from "../kinds/types.ts";

// Shaped as the API server publishes them (v1.37): a built-in kind and a CRD.
const doc: OpenApiDocument = {
  components: {
    schemas: {
      "io.example.v1.Widget": {
        type: "object",
        "x-kubernetes-group-version-kind": [{ group: "example.io", version: "v1", kind: "Widget" }],
        properties: {
          apiVersion: { type: "string" },
          metadata: { allOf: [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }], description: "Standard metadata." },
          spec: {
            type: "object",
            properties: {
              port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
              target: { type: "string", format: "int-or-string" },
              note: { type: "string", nullable: true },
              size: { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity" },
              config: {
                type: "object",
                "x-kubernetes-preserve-unknown-fields": true,
                properties: { known: { type: "object", properties: { a: { type: "string" } } } },
              },
              template: { type: "object", "x-kubernetes-embedded-resource": true, properties: { kind: { type: "string" } } },
            },
          },
        },
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": { type: "object", properties: { name: { type: "string" } } },
      "io.k8s.apimachinery.pkg.api.resource.Quantity": { description: "A quantity.", oneOf: [{ type: "string" }, { type: "number" }] },
      "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": {
        type: "object",
        "x-kubernetes-group-version-kind": [
          { group: "", version: "v1", kind: "DeleteOptions" },
          { group: "example.io", version: "v1", kind: "DeleteOptions" },
        ],
      },
      "io.unused.Thing": { type: "object", properties: { x: { type: "string" } } },
    },
  },
};

describe("OpenAPI v3 → JSON Schema", () => {
  const { definitions, kinds } = convertDocument(doc, "example.io/v1");
  const widget = definitions["io.example.v1.Widget"] as K8sObject;
  const spec = widget.properties.spec;

  it("maps each kind of the document's own group-version to its definition", () => {
    expect(kinds).toEqual({
      "example.io/v1/Widget": "io.example.v1.Widget",
      "example.io/v1/DeleteOptions": "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
    });
  });

  it("unwraps a reference wrapped in allOf, keeping its description beside it", () => {
    expect(widget.properties.metadata).toEqual({ $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", description: "Standard metadata." });
  });

  it("takes integers and strings for int-or-string in both spellings, numbers for quantities, null where nullable", () => {
    expect(spec.properties.port).toEqual({ type: ["integer", "string"] });
    expect(spec.properties.target).toEqual({ type: ["integer", "string"] });
    expect(definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"]).toEqual({ description: "A quantity.", type: ["string", "number"] });
    expect(spec.properties.note).toEqual({ type: ["string", "null"] });
  });

  it("closes objects to unknown fields, except under preserve-unknown-fields and embedded resources", () => {
    expect(widget.additionalProperties).toBe(false);
    expect(spec.additionalProperties).toBe(false);
    expect(spec.properties.config.additionalProperties).toBeUndefined();
    expect(spec.properties.config.properties.known.additionalProperties).toBeUndefined();
    expect(spec.properties.template.additionalProperties).toBeUndefined();
    expect(JSON.stringify(definitions)).not.toMatch(/"x-kubernetes|nullable|#\/components/);
  });

  it("keeps only what a kind refers to, and composes an if/then per kind", () => {
    const defs = closure(definitions, "io.example.v1.Widget");
    expect(Object.keys(defs).sort()).toEqual([
      "io.example.v1.Widget",
      "io.k8s.apimachinery.pkg.api.resource.Quantity",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
    ]);
    const schema = editorSchema([{ apiVersion: "example.io/v1", kind: "Widget", ref: "io.example.v1.Widget", definitions: defs }]) as K8sObject;
    expect(schema.allOf).toEqual([
      {
        if: { properties: { apiVersion: { const: "example.io/v1" }, kind: { const: "Widget" } }, required: ["apiVersion", "kind"] },
        then: { $ref: "#/definitions/io.example.v1.Widget" },
      },
    ]);
    expect(Object.keys(schema.definitions)).toHaveLength(3);
  });

  it("finds a group-version's document where the server publishes it", () => {
    expect(apiPathOf("v1")).toBe("api/v1");
    expect(apiPathOf("apps/v1")).toBe("apis/apps/v1");
  });
});
