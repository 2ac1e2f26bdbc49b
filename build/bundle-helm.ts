// `npm run dist` brings helm with the app: the version the practice cluster pins
// (e2e/sandbox/versions.json), cross-compiled with Go from the Go module proxy for the
// installer's OS and architecture, into resources/bin/<os>-<arch>/ — where electron-builder's
// extraResources take it from (build/electron-builder.yml). Nothing is downloaded from
// anywhere else.
//
//   node build/bundle-helm.ts [--os mac|win|linux] [--arch x64|arm64] [--out DIR]
//
// Defaults: this machine's OS and architecture, and the repository's resources/bin/<os>-<arch>.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { versions } from "../e2e/sandbox/paths.ts";

const repoDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** electron-builder's names (its ${os} and ${arch}) against Go's. */
const goos: Record<string, string> = { mac: "darwin", win: "windows", linux: "linux" };
const goarch: Record<string, string> = { x64: "amd64", arm64: "arm64" };
const builderOs: Record<string, string> = { darwin: "mac", win32: "win", linux: "linux" };

export interface BundleTarget {
  os: string;
  arch: string;
}

/** Builds helm for `target` and returns the path of the binary. */
export function bundleHelm(target: BundleTarget, out = join(repoDir, "resources", "bin", `${target.os}-${target.arch}`)): string {
  const GOOS = goos[target.os];
  const GOARCH = goarch[target.arch];
  if (!GOOS || !GOARCH) throw new Error(`bundle-helm: no Go target for ${target.os}-${target.arch} (os: mac, win or linux; arch: x64 or arm64)`);
  const major = versions.helm.split(".")[0];
  const go = (args: string[], env: NodeJS.ProcessEnv) => {
    const r = spawnSync("go", args, { env, encoding: "utf8" });
    if (r.error) throw new Error(`bundle-helm: go could not be run (${r.error.message}); the practice cluster's build installs it (.ci/run)`);
    if (r.status !== 0) throw new Error(`bundle-helm: go ${args.join(" ")} failed:\n${r.stderr}`);
    return r.stdout.trim();
  };
  const base = { ...process.env, GOTOOLCHAIN: versions.go, CGO_ENABLED: "0", GOFLAGS: "-trimpath -buildvcs=false" };
  // `go install` will not put a cross-compiled binary in GOBIN; it puts it in GOPATH/bin/<os>_<arch>.
  // A GOPATH of its own for that, with the usual module cache (nothing fetched twice).
  const modcache = go(["env", "GOMODCACHE"], base);
  const gopath = mkdtempSync(join(tmpdir(), "kubedeck-helm-gopath-"));
  try {
    const env = { ...base, GOPATH: gopath, GOMODCACHE: modcache, GOOS, GOARCH, GOBIN: "" };
    go(
      ["install", `-ldflags=-s -w -X helm.sh/helm/${major}/internal/version.version=${versions.helm}`, `helm.sh/helm/${major}/cmd/helm@${versions.helm}`],
      env,
    );
    const exe = GOOS === "windows" ? "helm.exe" : "helm";
    const host = process.platform === (GOOS === "darwin" ? "darwin" : GOOS === "windows" ? "win32" : "linux") && process.arch === target.arch;
    const built = host ? join(gopath, "bin", exe) : join(gopath, "bin", `${GOOS}_${GOARCH}`, exe);
    if (!existsSync(built)) throw new Error(`bundle-helm: go install left no ${built}`);
    mkdirSync(out, { recursive: true });
    copyFileSync(built, join(out, exe));
    return join(out, exe);
  } finally {
    rmSync(gopath, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { os: { type: "string" }, arch: { type: "string" }, out: { type: "string" } } });
  const target = { os: values.os ?? builderOs[process.platform] ?? process.platform, arch: values.arch ?? process.arch };
  const path = bundleHelm(target, values.out ? resolve(values.out) : undefined);
  console.log(`bundle-helm: helm ${versions.helm} for ${target.os}-${target.arch} at ${path}`);
}
