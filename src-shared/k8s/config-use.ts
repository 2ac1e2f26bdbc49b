// A ConfigMap or Secret put to use in a workload's pod template, as the tutorial's chapters do
// it: every key as environment variables (envFrom), chosen keys each as a variable (valueFrom,
// kubectl set env --from --keys), or the keys as files in a volume (all, or chosen ones at chosen
// paths). A PersistentVolumeClaim the same way as a volume (the PVC chapter's last step): its
// folder mounted (read-only if asked, a sub-folder of it if asked), or a Block claim's device
// at a path. Checked against the template before anything is sent (a variable, volume or mount
// path already there), and made as a JSON patch that only adds to the one container and the
// template's volumes.
import type { PodSpec } from "kubernetes-types/core/v1.js";
import { podSpecPointer, templateSpecOf, type JsonPatchOp } from "./scheduling-form.ts";
import type { Rule } from "./rules.ts";

export interface ConfigUse {
  source: { kind: "ConfigMap" | "Secret" | "PersistentVolumeClaim"; name: string };
  container: string;
  mode: "envAll" | "envKeys" | "volume";
  /** envAll: put before every variable's name (kubectl set env --prefix). */
  prefix: string;
  /** envKeys: each key and the variable it becomes; volume: each key and its path in the folder (none: every key, by its name). */
  keys: { key: string; as: string }[];
  mountPath: string;
  /** The volume's name in the pod (defaults to the source's). */
  volume: string;
  /** A claim's folder mounted read-only (a ConfigMap's or Secret's always is). */
  readOnly?: boolean;
  /** A claim: mount this folder inside the volume rather than its root. */
  subPath?: string;
  /** A claim of volumeMode Block: its device appears at mountPath (volumeDevices), not a folder. */
  block?: boolean;
}

export type ConfigUseField = "container" | "prefix" | "keys" | "mountPath" | "volume" | "subPath";
export type ConfigUseResult = { ok: true; patch: JsonPatchOp[]; command: string } | { ok: false; field: ConfigUseField; index?: number; rule: Rule };

// What the API server takes as an environment variable's name (any printable ASCII but '='; kubectl warns beyond C identifiers).
const envName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The JSON patch that puts the source to use in one container of the object's pod template, and the kubectl command that does the same. */
export function configUsePatch(object: { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: unknown }, u: ConfigUse): ConfigUseResult {
  const spec = templateSpecOf(object) as Partial<PodSpec>;
  const base = podSpecPointer(object.kind);
  const index = (spec.containers ?? []).findIndex((c) => c.name === u.container);
  if (index < 0) return { ok: false, field: "container", rule: { rule: "required", params: {} } };
  const container = spec.containers![index];
  const at = `${base}/containers/${index}`;
  const ref = u.source.kind === "ConfigMap" ? "configMap" : "secret";
  const workload = `${(object.kind ?? "").toLowerCase()}/${object.metadata?.name ?? ""}`;
  const ns = object.metadata?.namespace ? ` -n ${object.metadata.namespace}` : "";
  const from = `${u.source.kind === "ConfigMap" ? "configmap" : "secret"}/${u.source.name}`;
  const append = (list: unknown[] | undefined, path: string, items: unknown[]): JsonPatchOp[] =>
    list ? items.map((value) => ({ op: "add", path: `${path}/-`, value })) : [{ op: "add", path, value: items }];

  if (u.source.kind === "PersistentVolumeClaim" && u.mode !== "volume") return { ok: false, field: "container", rule: { rule: "claimAsVolume", params: {} } };
  if (u.mode === "envAll") {
    if (u.prefix && !envName.test(u.prefix)) return { ok: false, field: "prefix", rule: { rule: "envName", params: { name: u.prefix } } };
    const value = { [`${ref}Ref`]: { name: u.source.name }, ...(u.prefix ? { prefix: u.prefix } : {}) };
    // envFrom follows the source's keys as they change; kubectl set env --from copies today's keys one by one instead.
    const patch = append(container.envFrom, `${at}/envFrom`, [value]);
    return { ok: true, patch, command: patchCommand(workload, ns, patch) };
  }
  if (u.mode === "envKeys") {
    if (!u.keys.length) return { ok: false, field: "keys", rule: { rule: "required", params: {} } };
    const taken = new Set((container.env ?? []).map((e) => e.name));
    const seen = new Set<string>();
    for (const [i, k] of u.keys.entries()) {
      if (!envName.test(k.as)) return { ok: false, field: "keys", index: i, rule: { rule: "envName", params: { name: k.as } } };
      if (taken.has(k.as) || seen.has(k.as)) return { ok: false, field: "keys", index: i, rule: { rule: "envTaken", params: { name: k.as } } };
      seen.add(k.as);
    }
    const vars = u.keys.map((k) => ({ name: k.as, valueFrom: { [`${ref}KeyRef`]: { name: u.source.name, key: k.key } } }));
    const patch = append(container.env, `${at}/env`, vars);
    // kubectl set env names each variable after its key; other names need the patch itself.
    const asKubectl = u.keys.every((k) => k.as === envNameOf(k.key));
    return {
      ok: true,
      patch,
      command: asKubectl
        ? `kubectl set env ${workload}${ns} -c ${u.container} --from=${from} --keys=${u.keys.map((k) => k.key).join(",")}`
        : patchCommand(workload, ns, patch),
    };
  }
  // A volume of the source at the path: a ConfigMap or Secret read-only (the kubelet makes it so anyway).
  if (!dnsLabel.test(u.volume) || u.volume.length > 63) return { ok: false, field: "volume", rule: { rule: "dnsLabel", params: {} } };
  if ((spec.volumes ?? []).some((v) => v.name === u.volume)) return { ok: false, field: "volume", rule: { rule: "volumeTaken", params: { name: u.volume } } };
  if (!u.mountPath.startsWith("/") || u.mountPath.includes(":"))
    return { ok: false, field: "mountPath", rule: { rule: "mountPath", params: { path: u.mountPath } } };
  const trim = (p: string) => p.replace(/\/+$/, "");
  const clash = [...(container.volumeMounts ?? []), ...(container.volumeDevices ?? []).map((d) => ({ name: d.name, mountPath: d.devicePath }))].find(
    (m) => trim(m.mountPath) === trim(u.mountPath),
  );
  if (clash) return { ok: false, field: "mountPath", rule: { rule: "mountTaken", params: { path: u.mountPath, volume: clash.name } } };
  if (u.source.kind === "PersistentVolumeClaim") {
    const sub = u.subPath ?? "";
    if (sub && (sub.startsWith("/") || sub.split("/").includes("..")))
      return { ok: false, field: "subPath", rule: { rule: "itemPath", params: { path: sub } } };
    const volume = { name: u.volume, persistentVolumeClaim: { claimName: u.source.name, ...(u.readOnly ? { readOnly: true } : {}) } };
    // A Block claim is a raw device: the container sees it at a path, with no filesystem to mount (and no sub-folder).
    const patch = [
      ...append(spec.volumes, `${base}/volumes`, [volume]),
      ...(u.block
        ? append(container.volumeDevices, `${at}/volumeDevices`, [{ name: u.volume, devicePath: u.mountPath }])
        : append(container.volumeMounts, `${at}/volumeMounts`, [
            { name: u.volume, mountPath: u.mountPath, ...(sub ? { subPath: sub } : {}), ...(u.readOnly ? { readOnly: true } : {}) },
          ])),
    ];
    return { ok: true, patch, command: patchCommand(workload, ns, patch) };
  }
  for (const [i, k] of u.keys.entries())
    if (!k.as || k.as.startsWith("/") || k.as.split("/").includes(".."))
      return { ok: false, field: "keys", index: i, rule: { rule: "itemPath", params: { path: k.as } } };
  const items = u.keys.length ? { items: u.keys.map((k) => ({ key: k.key, path: k.as })) } : {};
  const volume = {
    name: u.volume,
    ...(ref === "configMap" ? { configMap: { name: u.source.name, ...items } } : { secret: { secretName: u.source.name, ...items } }),
  };
  const patch = [
    ...append(spec.volumes, `${base}/volumes`, [volume]),
    ...append(container.volumeMounts, `${at}/volumeMounts`, [{ name: u.volume, mountPath: u.mountPath, readOnly: true }]),
  ];
  // kubectl has no command that adds a volume: the patch itself.
  return { ok: true, patch, command: patchCommand(workload, ns, patch) };
}

/** The variable kubectl set env --from makes of a key: upper-cased, with what is not a letter, digit or '_' as '_'. */
export const envNameOf = (key: string) => key.replace(/[^A-Za-z0-9_]/g, "_").toUpperCase();

const patchCommand = (workload: string, ns: string, patch: JsonPatchOp[]) => `kubectl patch ${workload}${ns} --type=json -p '${JSON.stringify(patch)}'`;

export type ClaimUseWarning =
  | { id: "pending"; waitForConsumer: boolean }
  | { id: "readOnlyMany" }
  | { id: "oncePod"; replicas: number }
  | { id: "onceNode"; replicas: number }
  | { id: "sharedByReplicas"; replicas: number }
  | { id: "everyNode" };

/**
 * What a newcomer should know before a workload mounts the claim: a Pending claim holds its pods
 * back; a ReadWriteOnce claim is attached to one node at a time (more replicas, a DaemonSet, or a
 * rolling update's new pod on another node wait), ReadWriteOncePod to one pod (a rolling update
 * waits for the old pod); a StatefulSet's replicas would all share the one claim.
 */
export function claimUseWarnings(
  claim: { spec?: { accessModes?: string[]; storageClassName?: string }; status?: { phase?: string; accessModes?: string[] } },
  workload: { kind?: string; spec?: { replicas?: number; strategy?: { type?: string } } },
  waitForConsumer: boolean,
): ClaimUseWarning[] {
  const warnings: ClaimUseWarning[] = [];
  const modes = claim.status?.accessModes ?? claim.spec?.accessModes ?? [];
  const replicas = workload.spec?.replicas ?? 1;
  if (claim.status?.phase !== "Bound") warnings.push({ id: "pending", waitForConsumer });
  if (modes.length && modes.every((m) => m === "ReadOnlyMany")) warnings.push({ id: "readOnlyMany" });
  const many = modes.includes("ReadWriteMany") || modes.includes("ReadOnlyMany");
  if (modes.includes("ReadWriteOncePod") && !many) warnings.push({ id: "oncePod", replicas });
  else if (workload.kind === "DaemonSet" && !many) warnings.push({ id: "everyNode" });
  else if (modes.includes("ReadWriteOnce") && !many && (replicas > 1 || (workload.kind === "Deployment" && workload.spec?.strategy?.type !== "Recreate")))
    warnings.push({ id: "onceNode", replicas });
  if (workload.kind === "StatefulSet" && replicas > 1) warnings.push({ id: "sharedByReplicas", replicas });
  return warnings;
}
