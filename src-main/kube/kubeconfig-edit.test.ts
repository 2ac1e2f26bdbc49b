import { describe, expect, it } from "vitest";
import { setContextNamespace } from "./kubeconfig-edit.ts";

const file = `# Work clusters — do not share
apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: "https://prod.example:6443"}
contexts:
- name: prod   # the one that matters
  context:
    cluster: prod
    user: admin
    # no namespace yet
- context: {cluster: prod, user: viewer, namespace: 'old'}
  name: viewer
current-context: prod
users:
- name: admin
  user: {token: secret-token}
`;

describe("setting a context's default namespace in its kubeconfig file", () => {
  it("adds a line to a block map, indented as its keys, and changes nothing else", () => {
    const edited = setContextNamespace(file, "prod", "shop");
    expect(edited).toBe(file.replace("    user: admin\n", "    user: admin\n    namespace: shop\n"));
  });

  it("replaces an existing value in place, quotes and all around it kept", () => {
    expect(setContextNamespace(file, "viewer", "shop")).toBe(file.replace("namespace: 'old'", "namespace: shop"));
  });

  it("adds to a flow map", () => {
    const flow = "contexts:\n- name: a\n  context: {cluster: c, user: u}\n";
    expect(setContextNamespace(flow, "a", "demo")).toBe("contexts:\n- name: a\n  context: {cluster: c, user: u, namespace: demo}\n");
  });

  it("keeps CRLF line ends and a file without a final newline", () => {
    const crlf = "contexts:\r\n- name: a\r\n  context:\r\n    cluster: c\r\n    user: u";
    expect(setContextNamespace(crlf, "a", "demo")).toBe("contexts:\r\n- name: a\r\n  context:\r\n    cluster: c\r\n    user: u\r\n    namespace: demo\r\n");
  });

  it("refuses, saying why, what it cannot edit", () => {
    expect(() => setContextNamespace(file, "nope", "x")).toThrow('the file has no context "nope"');
    expect(() => setContextNamespace("contexts: [", "a", "x")).toThrow(/not valid YAML/);
    expect(() => setContextNamespace("kind: Config\n", "a", "x")).toThrow("the file has no contexts list");
  });
});
