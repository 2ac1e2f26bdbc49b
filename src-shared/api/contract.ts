// The API contract: the only place where the names of calls and streams live (DESIGN §3).
// Inputs are zod schemas, because the renderer is untrusted and main validates every call;
// outputs are types, because main is the one producing them.
import { z } from "zod";
import type { K8sObject } from "../kinds/types.ts";
import type { Relation } from "../k8s/relations.ts";
import type { AccessResult, ConnectionState, ContextsSnapshot, DiscoveryState, NamespacesState, ResourceRowsEvent, Settings } from "./types.ts";

const contextName = z.string().min(1).max(253);
const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "not a valid namespace name")
  .max(63);

const group = z.string().max(253);
const version = z.string().min(1).max(63);
const resource = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*$/, "not a resource name")
  .max(253);
const objectName = z.string().min(1).max(253);
const resourceRef = { group, version, resource, namespace: namespaceName.optional() };
const objectTarget = z.object({ context: contextName, ...resourceRef, name: objectName }).strict();
// `field=value` pairs joined by commas, as the API server accepts them (events use involvedObject.uid=…).
const fieldSelector = z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9._-]+(==?|!=)[A-Za-z0-9._:/-]*(,[A-Za-z0-9._-]+(==?|!=)[A-Za-z0-9._:/-]*)*$/, "not a field selector");

export const callInputs = {
  "contexts.get": z.object({}),
  "kubeconfig.addPath": z.object({ path: z.string().min(1).max(4096) }),
  "kubeconfig.removePath": z.object({ path: z.string().min(1).max(4096) }),
  "connections.connect": z.object({ context: contextName }),
  "connections.disconnect": z.object({ context: contextName }),
  /** May the user do these things? Answered by the cluster (SelfSubjectAccessReview). */
  "access.check": z.object({
    context: contextName,
    checks: z
      .array(
        z
          .object({
            verb: z.string().min(1).max(63),
            group: z.string().max(253),
            resource: z.string().min(1).max(253),
            subresource: z.string().max(253).optional(),
            namespace: namespaceName.optional(),
            name: z.string().max(253).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  }),
  /** One whole object (Secret values masked), for the details panel and its YAML. */
  "resources.get": objectTarget,
  /** The objects one object is related to: owners, children, references. */
  "resources.related": objectTarget,
  /** How many objects each resource has, in the given namespaces (none = all). */
  "resources.count": z
    .object({
      context: contextName,
      resources: z.array(z.object(resourceRef).strict()).min(1).max(500),
      namespaces: z.array(namespaceName).max(1000),
    })
    .strict(),
  /** An action a kind's capabilities offer (DESIGN §4); RBAC is the cluster's to enforce. */
  "resources.act": z
    .object({
      context: contextName,
      target: z.object({ ...resourceRef, name: objectName }).strict(),
      action: z.discriminatedUnion("action", [
        z.object({ action: z.enum(["delete", "restart", "cordon", "uncordon", "trigger"]) }).strict(),
        z.object({ action: z.literal("scale"), replicas: z.number().int().min(0).max(100_000) }).strict(),
      ]),
    })
    .strict(),
  "settings.get": z.object({}),
  "settings.update": z
    .object({
      language: z.enum(["en", "zh-CN", "system"]),
      theme: z.enum(["light", "dark", "system"]),
      namespaceFilter: z.object({ context: contextName, namespaces: z.array(namespaceName).max(1000) }),
      manualNamespaces: z.object({ context: contextName, namespaces: z.array(namespaceName).max(1000) }),
      columns: z.object({ resource: z.string().min(1).max(300), visible: z.array(z.string().min(1).max(100)).max(100) }).strict(),
    })
    .partial()
    .strict(),
} as const;

export interface CallOutputs {
  "contexts.get": ContextsSnapshot;
  "kubeconfig.addPath": ContextsSnapshot;
  "kubeconfig.removePath": ContextsSnapshot;
  "connections.connect": ConnectionState;
  "connections.disconnect": void;
  "access.check": AccessResult[];
  "resources.get": K8sObject;
  "resources.related": Relation[];
  "resources.count": (number | null)[];
  "resources.act": void;
  "settings.get": Settings;
  "settings.update": Settings;
}

export const streamInputs = {
  /** Contexts and kubeconfig files, live as the files change. */
  "contexts.watch": z.object({}),
  /** Every connection's state. */
  "connections.watch": z.object({}),
  /** A connected context's namespaces, live. */
  "namespaces.watch": z.object({ context: contextName }),
  /** What a connected context serves (every resource, CRDs included), live. */
  "discovery.watch": z.object({ context: contextName }),
  /** A resource's rows (the kind's columns), live; one namespace or all, optionally filtered by labels or fields. */
  "resources.watch": z
    .object({
      context: contextName,
      ...resourceRef,
      labelSelector: z.string().max(4096).optional(),
      fieldSelector: fieldSelector.optional(),
    })
    .strict(),
} as const;

export interface StreamEvents {
  "contexts.watch": ContextsSnapshot;
  "connections.watch": ConnectionState[];
  "namespaces.watch": NamespacesState;
  "discovery.watch": DiscoveryState;
  "resources.watch": ResourceRowsEvent;
}

export type CallName = keyof typeof callInputs;
export type StreamName = keyof typeof streamInputs;
export type CallInput<N extends CallName> = z.input<(typeof callInputs)[N]>;
export type StreamInput<N extends StreamName> = z.input<(typeof streamInputs)[N]>;

export const isCallName = (n: unknown): n is CallName => typeof n === "string" && Object.hasOwn(callInputs, n);
export const isStreamName = (n: unknown): n is StreamName => typeof n === "string" && Object.hasOwn(streamInputs, n);

/** Messages on the wire, the same over Electron IPC and the serve-mode WebSocket. */
export type ClientMessage =
  { t: "call"; id: number; name: string; input: unknown } | { t: "sub"; id: number; name: string; input: unknown } | { t: "unsub"; id: number };

export type ServerMessage =
  | { t: "result"; id: number; ok: true; value: unknown }
  | { t: "result"; id: number; ok: false; error: import("./errors.ts").ApiErrorShape }
  | { t: "event"; id: number; event: unknown }
  | { t: "end"; id: number; error?: import("./errors.ts").ApiErrorShape };
