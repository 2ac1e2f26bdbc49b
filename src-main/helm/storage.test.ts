import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeRelease, releaseObject, StorageError } from "./storage.ts";

const release = {
  name: "shop",
  namespace: "demo",
  version: 3,
  info: { first_deployed: "2026-01-01T00:00:00Z", last_deployed: "2026-01-02T00:00:00Z", status: "deployed", description: "Upgrade complete", notes: "Thanks" },
  chart: { metadata: { name: "storefront", version: "0.2.0", appVersion: "1.25" }, values: { replicaCount: 1 } },
  config: { replicaCount: 2 },
  manifest: "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\n",
};
/** What Helm writes into a storage object's `release` entry. */
const helmEncoded = (o: unknown) => gzipSync(Buffer.from(JSON.stringify(o))).toString("base64");
/** A Secret's data is base64 once more. */
const inSecret = (text: string) => Buffer.from(text, "latin1").toString("base64");

const storageObject = (entry: string, labels: Record<string, string> = { owner: "helm", name: "shop", status: "deployed", version: "3" }) => ({
  metadata: { name: "sh.helm.release.v1.shop.v3", namespace: "demo", uid: "u1", resourceVersion: "7", creationTimestamp: "2026-01-02T00:00:00Z", labels },
  type: "helm.sh/release.v1",
  data: { release: entry },
});

describe("Helm's release storage", () => {
  it("decodes a Secret's and a ConfigMap's release entry", () => {
    expect(decodeRelease(inSecret(helmEncoded(release)), true)).toEqual(release);
    expect(decodeRelease(helmEncoded(release), false)).toEqual(release);
    // Not gzipped (Helm 2 era): read as it is.
    expect(decodeRelease(Buffer.from(JSON.stringify(release)).toString("base64"), false).name).toBe("shop");
  });

  it("says what is wrong with an entry it cannot read", () => {
    expect(() => decodeRelease(undefined, true)).toThrow(/no release entry/);
    expect(() => decodeRelease(inSecret(Buffer.from([0x1f, 0x8b, 1, 2, 3]).toString("base64")), true)).toThrow(/not gzip data/);
    expect(() => decodeRelease(inSecret(gzipSync("{not json").toString("base64")), true)).toThrow(/not JSON/);
    expect(() => decodeRelease(inSecret(gzipSync("[1]").toString("base64")), true)).toThrow(StorageError);
  });

  it("shows a release as helm list does, and a corrupt one by its labels with the reason", () => {
    const { release: shown } = releaseObject(storageObject(inSecret(helmEncoded(release))), "Secret");
    expect(shown).toMatchObject({
      metadata: { name: "shop", namespace: "demo", uid: "u1" },
      revision: 3,
      status: "deployed",
      chart: { name: "storefront", version: "0.2.0", appVersion: "1.25" },
      lastDeployed: "2026-01-02T00:00:00Z",
      description: "Upgrade complete",
      storage: "Secret",
    });
    expect(shown.error).toBeUndefined();
    const broken = releaseObject(storageObject("bm90IGEgcmVsZWFzZQ==", { owner: "helm", name: "shop", status: "failed", version: "4" }), "Secret").release;
    expect(broken).toMatchObject({ metadata: { name: "shop" }, revision: 4, status: "failed", chart: { name: "" } });
    expect(broken.error).toMatch(/^Secret demo\/sh\.helm\.release\.v1\.shop\.v3: its release entry is not JSON/);
  });
});
