import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { clusterComponents, components } from "./processes.ts";
import { clusterName } from "./paths.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A state folder whose kwokctl record names `names` as the cluster's components. */
function stateWith(names: string[] | undefined): string {
  const state = mkdtempSync(join(tmpdir(), "kubedeck-processes-"));
  dirs.push(state);
  if (!names) return state;
  const dir = join(state, "kwok", "clusters", clusterName);
  mkdirSync(dir, { recursive: true });
  const list = names.map((n) => `  - name: ${n}\n    binary: /bin/${n}`).join("\n");
  writeFileSync(join(dir, "kwok.yaml"), `kind: KwokctlConfiguration\ncomponents:\n${list}\n---\nkind: Stage\nmetadata:\n  name: pod-ready\n`);
  return state;
}

it("reads the components a cluster was created with from kwokctl's record, ours only", () => {
  const all = stateWith(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok-controller", "metrics-server", "dashboard"]);
  expect(clusterComponents(all)).toEqual([...components]);
  const bench = stateWith(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok-controller"]);
  expect(clusterComponents(bench)).toEqual(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok-controller"]);
});

it("counts on every component while the record is not there yet", () => {
  expect(clusterComponents(stateWith(undefined))).toEqual([...components]);
});
