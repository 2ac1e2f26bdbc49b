// Kubedeck's pod columns against kubectl's on the seeded cluster: every pod, every phase
// the seed produces (running, crash-looping, Pending, Completed, Error, Terminating …).
import { expect, inject, it } from "vitest";
import { podColumns, type PodLike } from "../src-shared/k8s/pod-status.ts";
import { ensureBinaries } from "./sandbox/build.ts";
import { run } from "./sandbox/run.ts";

const bins = await ensureBinaries(() => {});
const kubectl = (args: string[]) => run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args]);

/** kubectl's NAME, READY, STATUS and the number of RESTARTS per pod, and ours for the same moment. */
async function bothViews() {
  const [json, table] = await Promise.all([kubectl(["get", "pods", "-A", "-o", "json"]), kubectl(["get", "pods", "-A", "--no-headers"])]);
  const now = Date.now();
  const theirs = table
    .trim()
    .split("\n")
    .map((line) => {
      const [ns, name, ready, status, restarts] = line.split(/\s+/);
      return `${ns}/${name} ${ready} ${status} ${restarts}`;
    })
    .sort();
  const ours = (JSON.parse(json).items as (PodLike & { metadata: { namespace: string; name: string } })[])
    .map((p) => {
      const c = podColumns(p, now);
      return `${p.metadata.namespace}/${p.metadata.name} ${c.ready} ${c.status} ${c.restarts}`;
    })
    .sort();
  return { theirs, ours };
}

it("computes READY, STATUS and RESTARTS exactly as kubectl does for every pod", async () => {
  // A crash-looping pod may change between the two reads: compare again until both
  // describe the same moment.
  let views = await bothViews();
  for (let i = 0; i < 5 && JSON.stringify(views.ours) !== JSON.stringify(views.theirs); i++) views = await bothViews();
  expect(views.ours).toEqual(views.theirs);
  const statuses = new Set(views.ours.map((l) => l.split(" ")[2]));
  for (const s of ["Running", "Pending", "Completed", "Error"]) expect(statuses).toContain(s);
});

it.each([
  "env=test",
  "env==test",
  "env!=prod",
  "tier",
  "!tier",
  "env in (test,prod)",
  "env notin (test)",
  "app=nginx,env=test",
  "app.kubernetes.io/name=storefront",
  "env=test,!tier,app notin (myapp)",
])("selects the same pods as kubectl get -l %j", async (selector) => {
  const { parseSelector, matches } = await import("../src-shared/k8s/label-selector.ts");
  const parsed = parseSelector(selector);
  if (!parsed.ok) throw new Error(parsed.error);
  // Pods come and go (a CronJob runs every five minutes): compare reads of the same moment.
  const views = async () => {
    const [json, names] = await Promise.all([
      kubectl(["get", "pods", "-A", "-o", "json"]),
      kubectl(["get", "pods", "-A", "-l", selector, "-o", "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{'\\n'}{end}"]),
    ]);
    const all = JSON.parse(json).items as { metadata: { namespace: string; name: string; labels?: Record<string, string> } }[];
    return {
      ours: all
        .filter((p) => matches(parsed.requirements, p.metadata.labels))
        .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
        .sort(),
      theirs: names.split("\n").filter(Boolean).sort(),
    };
  };
  let { ours, theirs } = await views();
  for (let i = 0; i < 5 && JSON.stringify(ours) !== JSON.stringify(theirs); i++) ({ ours, theirs } = await views());
  expect(ours).toEqual(theirs);
  expect(theirs.length).toBeGreaterThan(0);
});
