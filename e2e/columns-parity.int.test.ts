// Every kind's columns against the API server's own table (what `kubectl get -o wide`
// prints), object by object, on the seeded cluster. Time columns (AGE, DURATION, LAST
// SCHEDULE, and the "(2m ago)" of RESTARTS) are compared without their clock part.
import { readFileSync } from "node:fs";
import { Agent, fetch } from "undici";
import { parse } from "yaml";
import { describe, expect, inject, it } from "vitest";
import { kinds } from "../src-shared/kinds/registry.ts";
import type { K8sObject } from "../src-shared/kinds/types.ts";

const config = parse(readFileSync(inject("kubeconfig"), "utf8"));
const cluster = config.clusters.find((c: { name: string }) => c.name === "sandbox").cluster;
const admin = config.users.find((u: { name: string }) => u.name === "sandbox-admin").user;
const b64 = (s: string) => Buffer.from(s, "base64").toString();
const dispatcher = new Agent({
  connect: { ca: b64(cluster["certificate-authority-data"]), cert: b64(admin["client-certificate-data"]), key: b64(admin["client-key-data"]) },
});

interface Table {
  columnDefinitions: { name: string }[];
  rows: { cells: unknown[]; object: K8sObject }[];
}

async function serverTable(group: string, version: string, resource: string): Promise<Table> {
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const res = await fetch(`${cluster.server}${base}/${resource}?includeObject=Object`, {
    headers: { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" },
    dispatcher,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Table;
}

const timeColumns = new Set(["AGE", "DURATION", "LAST SCHEDULE", "LAST SEEN", "FIRST SEEN"]);
const withoutClock = (s: string) => s.replace(/ \(.* ago\)$/, "");

describe("kind columns match the API server's table", () => {
  // Helm releases are read from Helm's storage, not served: helm.int.test.ts compares them with helm list.
  it.each(kinds.filter((k) => !k.readOnly).map((k) => [k.kind, k] as const))("%s", async (_name, kind) => {
    const table = await serverTable(kind.group, kind.version, kind.resource);
    expect(table.rows.length).toBeGreaterThan(0);
    const headers = table.columnDefinitions.map((c) => c.name.toUpperCase());
    // Same columns, in the same order.
    const columns = kind.columns.filter((c) => !c.extra);
    expect(columns.map((c) => c.name)).toEqual(headers);
    const now = Date.now();
    for (const row of table.rows) {
      const obj = row.object;
      columns.forEach((col, i) => {
        if (timeColumns.has(col.name)) return;
        const theirs = withoutClock(String(row.cells[i] ?? ""));
        expect(withoutClock(col.value(obj, now)), `${kind.kind} ${obj.metadata.namespace ?? ""}/${obj.metadata.name} ${col.name}`).toBe(theirs);
      });
    }
  });
});
