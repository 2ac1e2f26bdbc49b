// The editor's services against the practice cluster (DESIGN §5): schemas from the cluster's
// own OpenAPI documents, fetched again when a CRD changes (its document's hash does), and
// saving an edited Secret, whose values the editor never holds, without losing them.
import { afterAll, describe, expect, it } from "vitest";
import { exampleCrd } from "../e2e/fixtures/crd.ts";
import { parseAllDocuments } from "yaml";
import { editable } from "../src-shared/k8s/editable.ts";
import { templatesFor } from "../src-shared/kinds/templates.ts";
import { appWithNamespace, kubectl } from "./int-app.ts";

const { ns, ctx, app } = appWithNamespace("editing");
const group = `e${Date.now().toString(36)}.kubedeck.dev`;

afterAll(() => kubectl(["delete", "crd", `gizmos.${group}`, "--wait=false", "--ignore-not-found"]));

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("schemas", () => {
  it("converts the cluster's documents per kind, names kinds it does not serve, and follows a changed CRD", async () => {
    const crd = exampleCrd(group, { plural: "gizmos", kind: "Gizmo" });
    await kubectl(["apply", "-f", "-"], JSON.stringify(crd));
    await kubectl(["wait", "--for=condition=Established", `crd/gizmos.${group}`, "--timeout=60s"]);
    const kinds = [
      { apiVersion: "apps/v1", kind: "Deployment" },
      { apiVersion: `${group}/v1`, kind: "Gizmo" },
      { apiVersion: "apps/v1", kind: "Nothing" },
      { apiVersion: "nowhere.example/v1", kind: "Thing" },
    ];
    const gizmoSpec = (s: Schema) => s.definitions[s.allOf[1].then.$ref.split("/").pop()].properties.spec.properties;
    // A CRD served moments ago may take the server a moment to publish.
    await expect
      .poll(async () => Object.keys(gizmoSpec((await app().services.schemas.forKinds(ctx, kinds)).schema)), { timeout: 30_000 })
      .toEqual(["color", "size"]);
    const { schema, unknown } = await app().services.schemas.forKinds(ctx, kinds);
    expect(schema.allOf).toHaveLength(2);
    expect(unknown).toEqual([
      { apiVersion: "apps/v1", kind: "Nothing", reason: "apps/v1 has no kind Nothing" },
      { apiVersion: "nowhere.example/v1", kind: "Thing", reason: "this cluster does not serve nowhere.example/v1" },
    ]);
    const defs = (schema as Schema).definitions;
    expect(defs["io.k8s.api.apps.v1.DeploymentSpec"].properties.replicas.type).toBe("integer");
    expect(defs["io.k8s.apimachinery.pkg.util.intstr.IntOrString"].type).toEqual(["integer", "string"]);

    // A new field in the CRD: a new document hash, so a new schema (within the index's 10 s).
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties = {
      ...crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties,
      shape: { type: "string" },
    } as never;
    await kubectl(["apply", "-f", "-"], JSON.stringify(crd));
    await expect
      .poll(async () => Object.keys(gizmoSpec((await app().services.schemas.forKinds(ctx, kinds)).schema)), { timeout: 30_000, interval: 1_000 })
      .toContain("shape");
  });
});

describe("saving an edited object", () => {
  it("keeps a Secret's values the editor never had, and sets what stringData names", async () => {
    await kubectl(["create", "secret", "generic", "creds", "-n", ns, "--from-literal=password=s3cret"]);
    const ref = { context: ctx, group: "", version: "v1", resource: "secrets", namespace: ns, name: "creds" };
    // What the editor opens: no values at all.
    const opened = editable(await app().services.resources.get(ref));
    expect(opened.data).toBeUndefined();
    expect(JSON.stringify(opened)).not.toContain("czNjcmV0");
    const [saved] = await app().services.apply.apply({
      context: ctx,
      mode: "replace",
      dryRun: false,
      force: false,
      documents: [{ ...opened, metadata: { ...opened.metadata, labels: { edited: "yes" } }, stringData: { user: "admin" } }],
    });
    expect(saved).toMatchObject({ ok: true, status: "configured" });
    // Nor does the answer carry them.
    expect(JSON.stringify(saved)).not.toMatch(/czNjcmV0|s3cret|YWRtaW4=/);
    const out = await kubectl(["get", "secret", "creds", "-n", ns, "-o", "jsonpath={.data.password} {.data.user} {.metadata.labels.edited}"]);
    expect(out.trim()).toBe(`${Buffer.from("s3cret").toString("base64")} ${Buffer.from("admin").toString("base64")} yes`);
  });

  it("refuses an apiVersion or kind that is not one, before any request is built from it", async () => {
    const outcomes = await app().services.apply.apply({
      context: ctx,
      mode: "apply",
      dryRun: true,
      force: false,
      documents: [
        { apiVersion: "../../api/v1/namespaces/x/secrets?", kind: "Secret", metadata: { name: "x" } },
        { apiVersion: "v1", kind: "Secret/../x", metadata: { name: "x" } },
      ],
    });
    expect(outcomes.map((o) => !o.ok && o.error.message)).toEqual([
      'apiVersion "../../api/v1/namespaces/x/secrets?" is not a group/version',
      'kind "Secret/../x" is not a kind name',
    ]);
  });

  it("refuses to save over an object deleted meanwhile, and names it", async () => {
    const [outcome] = await app().services.apply.apply({
      context: ctx,
      mode: "replace",
      dryRun: true,
      force: false,
      documents: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "gone", namespace: ns } }],
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: "NotFound", message: expect.stringContaining(`saving ConfigMap ${ns}/gone`) } });
  });
});

describe("templates", () => {
  it("are all accepted by the cluster as they are (a dry run of each)", async () => {
    const kinds = [
      ["", "v1", "pods", "Pod", true],
      ["", "v1", "services", "Service", true],
      ["", "v1", "configmaps", "ConfigMap", true],
      ["", "v1", "secrets", "Secret", true],
      ["", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true],
      ["", "v1", "persistentvolumes", "PersistentVolume", false],
      ["", "v1", "namespaces", "Namespace", false],
      ["apps", "v1", "deployments", "Deployment", true],
      ["apps", "v1", "statefulsets", "StatefulSet", true],
      ["apps", "v1", "daemonsets", "DaemonSet", true],
      ["batch", "v1", "jobs", "Job", true],
      ["batch", "v1", "cronjobs", "CronJob", true],
      ["networking.k8s.io", "v1", "ingresses", "Ingress", true],
      ["storage.k8s.io", "v1", "storageclasses", "StorageClass", false],
    ] as const;
    const texts = kinds.flatMap(([group, version, resource, kind, namespaced]) => templatesFor({ group, version, resource, kind, namespaced }, ns));
    // Two pods and four services among them.
    expect(texts.length).toBe(kinds.length + 1 + 3);
    for (const { id, text } of texts) {
      const documents = parseAllDocuments(text).map((d) => d.toJS());
      const outcomes = await app().services.apply.apply({ context: ctx, namespace: ns, mode: "create", dryRun: true, force: false, documents });
      expect(
        outcomes.map((o) => (o.ok ? "ok" : `${o.error.message}: ${o.error.reason}`)),
        `${id}: ${text}`,
      ).toEqual(documents.map(() => "ok"));
    }
  });
});
