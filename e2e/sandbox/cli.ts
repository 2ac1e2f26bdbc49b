// `npm run sandbox -- <command>`: the practice cluster's command line.
import { parseArgs } from "node:util";
import { ensureBinaries } from "./build.ts";

const usage = `usage: npm run sandbox -- <command> [--nodes N]

commands:
  build        build (or reuse) every binary of the practice cluster
  up           start the cluster (builds first if needed) and print its kubeconfig path
  down         stop the cluster and remove its state
  status       say whether the cluster runs, and its nodes
  kubeconfig   print only the kubeconfig path
  seed         create the tutorial's example content (idempotent)

options:
  --nodes N    worker nodes to create (default 4; benchmarks use 500)`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { nodes: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(usage);
    return;
  }
  const nodes = values.nodes === undefined ? undefined : Number(values.nodes);
  if (nodes !== undefined && (!Number.isInteger(nodes) || nodes < 1)) throw new Error(`--nodes wants a whole number above 0, got "${values.nodes}"`);
  const cluster = () => import("./cluster.ts");
  switch (command) {
    case "build":
      await ensureBinaries();
      return;
    case "up":
      console.log(await (await cluster()).up({ workers: nodes }));
      return;
    case "down":
      await (await cluster()).down();
      return;
    case "status":
      console.log(await (await cluster()).status());
      return;
    case "kubeconfig":
      console.log((await cluster()).kubeconfig());
      return;
    case "seed":
      await (await import("./seed.ts")).seed();
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${usage}`);
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
