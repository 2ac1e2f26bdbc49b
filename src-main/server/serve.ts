// `npm run serve`: Kubedeck in a browser. Prints one line once it serves:
//   Kubedeck ready at http://127.0.0.1:PORT/?token=TOKEN
import { spawn } from "node:child_process";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createApp } from "../index.ts";
import { defaultUserDataDir } from "../platform/paths.ts";
import { serve } from "./http-server.ts";

const usage = `usage: npm run serve -- [--port N] [--kubeconfig FILE[:FILE…]] [--user-data DIR] [--context NAME] [--no-open]

  --port N          port on 127.0.0.1 (default: a free one)
  --kubeconfig F    kubeconfig file(s) to use instead of $KUBECONFIG / ~/.kube/config
  --user-data DIR   folder for settings (default: the desktop app's)
  --context NAME    open the app on this context (it connects)
  --helm FILE       the helm to change releases with (default: the first on PATH)
  --no-open         do not open a browser`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      kubeconfig: { type: "string" },
      "user-data": { type: "string" },
      context: { type: "string" },
      helm: { type: "string" },
      "no-open": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port wants a number from 0 to 65535, got "${values.port}"`);
  const env = { ...process.env };
  if (values.kubeconfig)
    env.KUBECONFIG = values.kubeconfig
      .split(delimiter)
      .map((p) => resolve(p))
      .join(delimiter);
  const app = createApp({
    userDataDir: values["user-data"] ? resolve(values["user-data"]) : defaultUserDataDir(),
    env,
    ...(values.helm ? { helm: { path: resolve(values.helm), source: "flag" as const } } : {}),
  });
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), "..", "renderer");
  const serving = await serve({ router: app.router, staticDir, port });
  // The address keeps the context in its fragment across the token's redirect.
  const url = values.context ? `${serving.url}#/context/${encodeURIComponent(values.context)}` : serving.url;
  console.log(`Kubedeck ready at ${url}`);
  if (!values["no-open"]) {
    const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
    spawn(opener, [url], { stdio: "ignore", detached: true })
      .on("error", () => {})
      .unref();
  }
  const stop = async () => {
    app.close();
    await serving.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: Error) => {
  console.error(`kubedeck serve: ${e.message}`);
  process.exit(1);
});
