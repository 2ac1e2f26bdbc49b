// `npm run dist` brings helm (build/bundle-helm.ts): the pinned version, built with Go from the
// module proxy for the installer's platform. Built here for this machine into a folder of its
// own, and run: the installed app's copy is the one Kubedeck then finds first.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleHelm } from "../build/bundle-helm.ts";
import { findHelm } from "../src-main/helm/cli.ts";
import { versions } from "./sandbox/paths.ts";

const out = mkdtempSync(join(tmpdir(), "kubedeck-bundle-helm-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the helm an installer brings", () => {
  it("is the pinned version, built for this platform, and found before PATH's", { timeout: 600_000 }, async () => {
    const os = process.platform === "darwin" ? "mac" : process.platform === "win32" ? "win" : "linux";
    const path = bundleHelm({ os, arch: process.arch }, out);
    expect(path).toBe(join(out, process.platform === "win32" ? "helm.exe" : "helm"));
    expect(await findHelm({ given: { path, source: "bundled" }, env: process.env })).toEqual({ path, version: versions.helm, source: "bundled" });
  });

  it("says which targets it cannot build", () => {
    expect(() => bundleHelm({ os: "solaris", arch: "x64" }, out)).toThrow("bundle-helm: no Go target for solaris-x64");
  });
});
