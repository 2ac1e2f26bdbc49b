// `npm start`: the desktop app. With `--sandbox`, on the practice cluster — built, started
// and seeded as `npm run try` does — and opened on sandbox-admin. The app is built first by
// the npm script; this starts it (electron-vite preview) with the cluster's kubeconfig.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { kubeconfigPath, repoDir } from "./paths.ts";
import { seed } from "./seed.ts";

const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes("--sandbox")) {
  try {
    await seed((line) => console.error(line));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  env.KUBECONFIG = kubeconfigPath;
  env.KUBEDECK_OPEN_CONTEXT = "sandbox-admin";
}
const app = spawn(join(repoDir, "node_modules", ".bin", "electron-vite"), ["preview", "--skipBuild"], { cwd: repoDir, env, stdio: "inherit" });
process.on("SIGINT", () => {});
app.on("exit", (code) => process.exit(code ?? 0));
