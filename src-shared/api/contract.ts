// The API contract: the only place where the names of calls and streams live (DESIGN §3).
// Inputs are zod schemas, because the renderer is untrusted and main validates every call;
// outputs are types, because main is the one producing them.
import { z } from "zod";
import type { AccessResult, ConnectionState, ContextsSnapshot, NamespacesState, ResourceRowsEvent, Settings } from "./types.ts";

const contextName = z.string().min(1).max(253);
const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "not a valid namespace name")
  .max(63);

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
  "settings.get": z.object({}),
  "settings.update": z
    .object({
      language: z.enum(["en", "zh-CN", "system"]),
      theme: z.enum(["light", "dark", "system"]),
      namespaceFilter: z.object({ context: contextName, namespaces: z.array(namespaceName).max(1000) }),
      manualNamespaces: z.object({ context: contextName, namespaces: z.array(namespaceName).max(1000) }),
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
  /** A resource's rows (the kind's columns), live; one namespace or all, optionally filtered by labels. */
  "resources.watch": z
    .object({
      context: contextName,
      group: z.string().max(253),
      version: z.string().min(1).max(63),
      resource: z.string().min(1).max(253),
      namespace: namespaceName.optional(),
      labelSelector: z.string().max(4096).optional(),
    })
    .strict(),
} as const;

export interface StreamEvents {
  "contexts.watch": ContextsSnapshot;
  "connections.watch": ConnectionState[];
  "namespaces.watch": NamespacesState;
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
