import { describe, expect, it } from "vitest";
import { coalesceValues, masked, readManifest } from "./values.ts";

describe("a release's values", () => {
  it("are the chart's defaults with the user's over them, as helm get values --all shows them", () => {
    const defaults = { replicaCount: 1, image: { repository: "nginx", tag: "1.0", pullPolicy: "IfNotPresent" }, ports: [80, 443], greeting: "Hello" };
    const user = { replicaCount: 2, image: { tag: "1.1" }, ports: [8080], greeting: null, extra: { a: 1 } };
    expect(coalesceValues(defaults, user)).toEqual({
      replicaCount: 2,
      image: { repository: "nginx", tag: "1.1", pullPolicy: "IfNotPresent" },
      ports: [8080],
      extra: { a: 1 },
    });
    expect(defaults.image.tag).toBe("1.0");
    expect(coalesceValues(null, undefined)).toEqual({});
  });
});

describe("a release's manifest", () => {
  const manifest = `---
# Source: shop/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: shop-db
stringData:
  password: hunter2
data:
  token: c2VjcmV0
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: other
spec:
  replicas: 2
`;

  it("is split into its objects, each with the template it came from", () => {
    expect(readManifest(manifest).objects).toEqual([
      { apiVersion: "v1", kind: "Secret", name: "shop-db", source: "shop/templates/secret.yaml" },
      { apiVersion: "apps/v1", kind: "Deployment", name: "shop", namespace: "other", source: "shop/templates/deployment.yaml" },
    ]);
    expect(readManifest("").objects).toEqual([]);
  });

  it("never carries a Secret's values", () => {
    const { text } = readManifest(manifest);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("c2VjcmV0");
    expect(text).toContain(`password: ${masked}`);
    expect(text).toContain("replicas: 2");
    expect(text).toContain("# Source: shop/templates/deployment.yaml");
    expect(text.match(/^---$/gm)).toHaveLength(2);
    expect(text.startsWith("---\n# Source: shop/templates/secret.yaml\n")).toBe(true);
  });
});
