import { describe, expect, it } from "vitest";
import { fieldPath, parseText, positionOf } from "./documents.ts";

const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
  labels:
    app.kubernetes.io/name: shop
---
# a comment only
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: a
          image: nginx
        - name: b
          image: busybox
---
`;

describe("the editor's documents", () => {
  const parsed = parseText(text);

  it("splits a multi-document text, skipping empty documents, with kinds and start lines", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents.map((d) => [d.line, d.apiVersion, d.kind, d.object?.metadata?.name])).toEqual([
      [1, "v1", "ConfigMap", "one"],
      [10, "apps/v1", "Deployment", "web"],
    ]);
    expect(parsed.documents[1].anchor).toEqual({ line: 13, column: 9 });
  });

  it("reads the server's field paths", () => {
    expect(fieldPath("spec.template.spec.containers[1].image")).toEqual(["spec", "template", "spec", "containers", 1, "image"]);
    expect(fieldPath("metadata.labels[app.kubernetes.io/name]")).toEqual(["metadata", "labels", "app.kubernetes.io/name"]);
  });

  it("finds a field on its line, keys with dots included, and a missing one at its nearest parent", () => {
    const [cm, dep] = parsed.documents;
    expect(positionOf(dep, "spec.template.spec.containers[1].image", parsed.position)).toEqual({ line: 21, column: 11 });
    expect(positionOf(cm, "metadata.labels.app.kubernetes.io/name", parsed.position)).toEqual({ line: 6, column: 5 });
    expect(positionOf(dep, "spec.selector", parsed.position)).toEqual({ line: 14, column: 1 });
  });

  it("points a syntax error at its line and column, and refuses a document that is not a mapping", () => {
    const bad = parseText("kind: Pod\nmetadata:\n  name: a: b\n---\n- a list\n");
    expect(bad.errors[0]).toMatchObject({ line: 3 });
    expect(bad.errors.at(-1)).toEqual({ line: 5, column: 1, message: expect.stringMatching(/must be a mapping/) });
    expect(bad.documents.every((d) => d.object === undefined)).toBe(true);
  });
});
