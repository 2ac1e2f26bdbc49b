// `npm run try`: Kubedeck on the practice cluster in one command — builds what is missing,
// starts the cluster, seeds it with the tutorial's examples, and serves the app with the
// browser opened on sandbox-admin. Ctrl+C stops the app and asks nothing; the cluster keeps
// running, so the next `try` starts in seconds (`npm run sandbox -- down` stops it).
// Arguments after `--` go to serve (`--no-open`, `--port N` …).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { kubeconfigPath, repoDir } from "./paths.ts";
import { seed } from "./seed.ts";

try {
  await seed((line) => console.error(line));
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const serve = spawn(
  process.execPath,
  [join(repoDir, "out", "main", "serve.js"), "--kubeconfig", kubeconfigPath, "--context", "sandbox-admin", ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
// Ctrl+C reaches serve as well (one process group): it stops, and then so does this.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => serve.kill("SIGTERM"));
serve.on("exit", (code) => {
  console.error("Kubedeck stopped. The practice cluster keeps running for the next `npm run try`; `npm run sandbox -- down` stops it.");
  process.exit(code ?? 0);
});
