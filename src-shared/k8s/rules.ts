// Kubernetes' rules an input can break (a label key's shape, a taint's effect …), each named so
// that the UI can say it in the user's language (`rules.<rule>` in the locales) while main's
// messages and logs keep the English below.
export type RuleId =
  | "emptyPrefix"
  | "prefixNotDns"
  | "noName"
  | "nameTooLong"
  | "nameChars"
  | "valueTooLong"
  | "valueChars"
  | "shellSyntax"
  | "setOrRemove"
  | "twice"
  | "nothingToChange"
  | "annotationsTooBig"
  | "taintNoEffect"
  | "taintBadEffect"
  | "taintRemoveValue"
  | "taintMissing"
  | "taintNothing"
  | "labelRemoves"
  | "dnsLabel"
  | "imageRef"
  | "port"
  | "envLine"
  | "dnsSubdomain"
  | "configKey"
  | "required"
  | "pem"
  | "dataTooBig"
  | "valuesNeeded"
  | "valuesNotAllowed"
  | "oneInteger"
  | "termEmpty"
  | "weightRange"
  | "tolerateAllNeedsExists"
  | "tolerationSeconds"
  | "atLeastOne"
  | "minDomainsDoNotSchedule"
  | "envName"
  | "envTaken"
  | "volumeTaken"
  | "mountPath"
  | "mountTaken"
  | "itemPath"
  | "storageSize"
  | "claimAsVolume"
  | "claimGrowsOnly"
  | "nfsServer"
  | "absolutePath"
  | "localNeedsNode"
  | "oncePodAlone"
  | "blockNotNfs"
  | "mountOptionsNfsOnly"
  | "cpuQuantity"
  | "memoryQuantity"
  | "limitBelowRequest"
  | "portName"
  | "httpPath"
  | "hostName"
  | "cronSchedule"
  | "timeZone"
  | "serviceForBatch"
  | "servicePorts"
  | "nodePort"
  | "ingressNeedsService"
  | "tlsNeedsHost"
  | "fieldPath"
  | "selectorExpressions"
  | "selectorEmpty";

export interface Rule {
  rule: RuleId;
  params: Record<string, string | number>;
}

const chars = 'must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."';
const english: Record<RuleId, (p: Record<string, string | number>) => string> = {
  emptyPrefix: (p) => `key "${p.key}" has an empty prefix before "/"`,
  prefixNotDns: (p) => `key prefix "${p.prefix}" must be a DNS subdomain (lowercase letters, digits, "-" and ".")`,
  noName: (p) => `key "${p.key}" has no name`,
  nameTooLong: (p) => `key name "${p.name}" is longer than 63 characters`,
  nameChars: (p) => `key name "${p.name}" ${chars}`,
  valueTooLong: (p) => `value "${p.value}" is longer than 63 characters`,
  valueChars: (p) => `value "${p.value}" ${chars}`,
  shellSyntax: (p) => `"${p.line}" holds shell syntax; give key=value or key- only`,
  setOrRemove: (p) => `"${p.token}": give key=value to set or key- to remove`,
  twice: (p) => `"${p.key}" is given twice`,
  nothingToChange: () => "nothing to change: give key=value to set or key- to remove",
  annotationsTooBig: (p) => `annotations may hold at most 256 KiB together; these are ${p.size} KiB`,
  taintNoEffect: (p) => `"${p.token}": a taint needs an effect (key=value:NoSchedule, PreferNoSchedule or NoExecute)`,
  taintBadEffect: (p) => `"${p.token}": the effect must be NoSchedule, PreferNoSchedule or NoExecute, not "${p.effect}"`,
  taintRemoveValue: (p) => `"${p.token}": to remove a taint give key:Effect- or key-, without a value`,
  taintMissing: (p) => `"${p.token}": the node has no taint ${p.taint} to remove`,
  taintNothing: () => "nothing to change: give key=value:Effect to add, key:Effect- or key- to remove",
  labelRemoves: (p) => `"${p.key}-" removes a label; give key=value`,
  dnsLabel: () => "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63",
  imageRef: () => "an image reference, without spaces (nginx:1.27)",
  port: (p) => `"${p.port}" is not a port (1 to 65535)`,
  envLine: (p) => `"${p.line}": give NAME=value, NAME of printable characters other than '='`,
  dnsSubdomain: () => "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253",
  configKey: (p) => `key "${p.key}" may hold only letters, digits, '-', '_' and '.' (at most 253), and is not "." or ".."`,
  required: () => "required",
  pem: (p) => `not a PEM ${p.what} (-----BEGIN ${p.what}-----)`,
  dataTooBig: (p) => `a ConfigMap or Secret holds at most 1 MiB; this one is ${p.size} KiB`,
  valuesNeeded: (p) => `${p.operator} needs at least one value`,
  valuesNotAllowed: (p) => `${p.operator} takes no values`,
  oneInteger: (p) => `${p.operator} takes exactly one whole number`,
  termEmpty: () => "a term needs at least one expression (an empty term matches no node)",
  weightRange: (p) => `weight ${p.weight} is not a whole number from 1 to 100`,
  tolerateAllNeedsExists: () => "an empty key tolerates every taint, and needs the operator Exists",
  tolerationSeconds: () => "seconds are a whole number, and only for the NoExecute effect",
  atLeastOne: (p) => `${p.field} is a whole number of at least 1`,
  minDomainsDoNotSchedule: () => "minDomains is only allowed with whenUnsatisfiable DoNotSchedule",
  selectorExpressions: () =>
    "its selector has expressions, and a Service selects by labels only: write the Service in the YAML editor with the labels its pods have",
  selectorEmpty: () => "it has no labels to select its pods by: a Service would select no pod",
  fieldPath: (p) =>
    `"${p.path}" is not a pod field a variable can read: metadata.name, metadata.namespace, metadata.uid, metadata.labels['KEY'], metadata.annotations['KEY'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s)`,
  envName: (p) => `"${p.name}" is not a variable name: letters, digits, '_', '-' and '.', not starting with a digit`,
  envTaken: (p) => `the container already has a variable ${p.name}`,
  volumeTaken: (p) => `the pod already has a volume named ${p.name}`,
  mountPath: (p) => `"${p.path}" is not an absolute path (it starts with /, without ':')`,
  mountTaken: (p) => `volume ${p.volume} is already mounted at ${p.path}`,
  itemPath: (p) => `"${p.path}" is not a relative path inside the folder (no leading /, no ..)`,
  claimAsVolume: () => "a PersistentVolumeClaim is used as a volume, not as variables",
  claimGrowsOnly: (p) => `${p.size} is not more than the ${p.current} the claim has: a claim can only grow`,
  nfsServer: (p) => `"${p.server}" is not a server name or address`,
  absolutePath: (p) => `"${p.path}" is not an absolute path (it starts with /, without ..)`,
  localNeedsNode: () => "a local volume is on a node's own disk: choose the node(s) that have it",
  oncePodAlone: () => "ReadWriteOncePod cannot be combined with other access modes",
  blockNotNfs: () => "NFS shares files: it has no Block mode",
  mountOptionsNfsOnly: () => "only NFS volumes take mount options here; the kubelet refuses them for a folder or a local disk",
  cpuQuantity: (p) => `"${p.value}" is not an amount of CPU: cores (0.5, 2) or millicores (250m)`,
  memoryQuantity: (p) => `"${p.value}" is not an amount of memory: a number and Mi or Gi (256Mi, 1Gi)`,
  limitBelowRequest: (p) => `the ${p.resource} request ${p.request} is more than its limit ${p.limit}`,
  portName: (p) => `"${p.name}" is not a port name: at most 15 lower-case letters, digits and '-', with a letter, used once`,
  httpPath: (p) => `"${p.path}" is not a path: it starts with /`,
  hostName: (p) => `"${p.host}" is not a host name (lower-case, dots between parts, *. allowed in front)`,
  cronSchedule: (p) => `"${p.schedule}" is not a schedule: five fields (minute hour day month weekday) or @hourly, @daily …`,
  timeZone: (p) => `"${p.zone}" is not a time zone of the tz database (Asia/Shanghai, Etc/UTC)`,
  serviceForBatch: () => "a Job's pods run to an end and serve nothing: no Service for them",
  servicePorts: () => "a Service forwards ports: give the container at least one port",
  nodePort: (p) => `${p.port} is not a node port: 30000 to 32767, or empty for one the cluster picks`,
  ingressNeedsService: () => "an Ingress sends requests to a Service's port: choose ClusterIP, NodePort or LoadBalancer, with a port",
  tlsNeedsHost: () => "TLS needs the host its certificate is for",
  storageSize: (p) => `"${p.size}" is not a size: a number and a unit, Mi or Gi (powers of 1024) or M or G (powers of 1000), as in 500Mi or 10Gi`,
};

export const ruleText = (r: Rule): string => english[r.rule](r.params);

/** An Error that says which rule was broken (a preview that cannot be built). */
export class RuleError extends Error {
  readonly rule: Rule;
  constructor(rule: Rule) {
    super(ruleText(rule));
    this.rule = rule;
  }
}
