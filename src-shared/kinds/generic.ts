// The descriptor for a kind without one of its own (DESIGN §4): any resource discovery
// reports, CRD instances included. A CRD's additionalPrinterColumns become columns,
// evaluated the way the API server's table convertor does; without them, NAME and AGE.
import { JSONPath } from "jsonpath-plus";
import type { ApiResourceInfo, PrinterColumn } from "../api/types.ts";
import { ageColumn, nameColumn, timeColumn } from "./format.ts";
import type { Column, K8sObject, KindDescriptor } from "./types.ts";

/** Every value the column's JSONPath finds (CRDs write `.spec.x`; the library wants `$.spec.x`). */
function find(path: string, obj: K8sObject): unknown[] {
  const p = path.trim().replace(/^\{(.*)\}$/, "$1");
  try {
    return JSONPath({ path: p.startsWith("$") ? p : `$${p}`, json: obj, wrap: true }) as unknown[];
  } catch {
    return [];
  }
}

const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

function printerColumn(c: PrinterColumn): Column {
  const wide = (c.priority ?? 0) > 0;
  const name = c.name.toUpperCase();
  if (c.type === "date") {
    return timeColumn(
      name,
      (o) => {
        const v = find(c.jsonPath, o)[0];
        return typeof v === "string" ? v : undefined;
      },
      wide,
    );
  }
  return {
    name,
    wide,
    value: (o) => {
      const found = find(c.jsonPath, o).filter((v) => v !== undefined && v !== null);
      if (!found.length) return "<none>";
      return found.map(text).join(" ");
    },
  };
}

export function genericDescriptor(r: ApiResourceInfo): KindDescriptor {
  const columns = r.printerColumns?.length ? [nameColumn, ...r.printerColumns.map(printerColumn)] : [nameColumn, ageColumn];
  const capabilities = [...(r.verbs.includes("delete") ? (["delete"] as const) : []), ...(r.verbs.includes("patch") ? (["label"] as const) : [])];
  return { kind: r.kind, group: r.group, version: r.version, resource: r.resource, namespaced: r.namespaced, columns, capabilities };
}
