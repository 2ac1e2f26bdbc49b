// The router: every call and stream from the renderer arrives here, is validated against
// the contract, and goes to a service. Nothing else in main listens to the renderer.
import type { z } from "zod";
import {
  callInputs,
  isCallName,
  isStreamName,
  streamInputs,
  type CallName,
  type CallOutputs,
  type StreamEvents,
  type StreamName,
} from "../../src-shared/api/contract.ts";
import { ApiError, type ApiErrorShape } from "../../src-shared/api/errors.ts";
import { parseSelector } from "../../src-shared/k8s/label-selector.ts";
import type { Services } from "../services.ts";
import { toApiError } from "../kube/errors.ts";

type Handlers = { [N in CallName]: (input: z.output<(typeof callInputs)[N]>) => Promise<CallOutputs[N]> | CallOutputs[N] };
type Streams = { [N in StreamName]: (input: z.output<(typeof streamInputs)[N]>, emit: (e: StreamEvents[N]) => void) => () => void };

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

export interface Router {
  call(name: unknown, input: unknown): Promise<CallResult>;
  /** Starts a stream; throws an ApiError when the name or input is not acceptable. */
  subscribe(name: unknown, input: unknown, emit: (event: unknown) => void): () => void;
}

function validate<S extends z.ZodType>(schema: S, input: unknown, name: string): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new ApiError({
    code: "Invalid",
    message: `${name}: invalid input`,
    fields: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

export function createRouter(s: Services): Router {
  const handlers: Handlers = {
    "contexts.get": () => s.kubeconfig.snapshot(),
    "kubeconfig.addPath": ({ path }) => {
      s.settings.update((x) => void (x.kubeconfigPaths = [...new Set([...x.kubeconfigPaths, path])]));
      s.kubeconfig.setUserPaths(s.settings.get().kubeconfigPaths);
      return s.kubeconfig.snapshot();
    },
    "kubeconfig.removePath": ({ path }) => {
      s.settings.update((x) => void (x.kubeconfigPaths = x.kubeconfigPaths.filter((p) => p !== path)));
      s.kubeconfig.setUserPaths(s.settings.get().kubeconfigPaths);
      return s.kubeconfig.snapshot();
    },
    "connections.connect": async ({ context }) => {
      if (!s.kubeconfig.snapshot().contexts.some((c) => c.name === context)) {
        throw new ApiError({ code: "NotFound", message: `context "${context}" is not in any kubeconfig file` });
      }
      const state = await s.connections.connect(context);
      if (state.status === "connected") {
        s.settings.update((x) => void (x.lastContexts = [...new Set([...x.lastContexts, context])]));
      }
      return state;
    },
    "connections.disconnect": ({ context }) => {
      s.connections.disconnect(context);
      s.settings.update((x) => void (x.lastContexts = x.lastContexts.filter((c) => c !== context)));
    },
    "access.check": async ({ context, checks }) => {
      try {
        return await s.access.check(context, checks);
      } catch (e) {
        throw toApiError(e, `checking permissions in ${context}`);
      }
    },
    "resources.get": ({ context, ...t }) => s.resources.get(context, t),
    "resources.related": ({ context, ...t }) => s.resources.related(context, t),
    "resources.count": ({ context, resources, namespaces }) => s.resources.count(context, resources, namespaces),
    "resources.act": ({ context, target, action }) => s.resources.act(context, target, action),
    "settings.get": () => s.settings.get(),
    "settings.update": (change) =>
      s.settings.update((x) => {
        if (change.language) x.language = change.language;
        if (change.theme) x.theme = change.theme;
        if (change.namespaceFilter) x.namespaceFilter[change.namespaceFilter.context] = change.namespaceFilter.namespaces;
        if (change.manualNamespaces) x.manualNamespaces[change.manualNamespaces.context] = change.manualNamespaces.namespaces;
        if (change.columns) x.columns[change.columns.resource] = change.columns.visible;
      }),
  };

  const streams: Streams = {
    "contexts.watch": (_input, emit) => {
      emit(s.kubeconfig.snapshot());
      return s.kubeconfig.onChange(emit);
    },
    "connections.watch": (_input, emit) => {
      emit(s.connections.list());
      return s.connections.onChange(emit);
    },
    "namespaces.watch": ({ context }, emit) => s.namespaces.subscribe(context, emit),
    "resources.watch": (target, emit) => {
      if (target.labelSelector) {
        const parsed = parseSelector(target.labelSelector);
        if (!parsed.ok) {
          throw new ApiError({
            code: "Invalid",
            message: `label selector: ${parsed.error}`,
            fields: [{ path: "labelSelector", message: `${parsed.error} (at ${parsed.position})` }],
          });
        }
      }
      s.connections.config(target.context);
      return s.watchHub.subscribe(target, emit);
    },
    "discovery.watch": ({ context }, emit) => s.discovery.subscribe(context, emit),
  };

  return {
    async call(name, input) {
      try {
        if (!isCallName(name)) throw new ApiError({ code: "Invalid", message: `unknown call "${String(name).slice(0, 100)}"` });
        const handler = handlers[name] as (i: unknown) => unknown;
        return { ok: true, value: await handler(validate(callInputs[name], input, name)) };
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError({ code: "Internal", message: (e as Error).message });
        return { ok: false, error: err.toJSON() };
      }
    },
    subscribe(name, input, emit) {
      if (!isStreamName(name)) throw new ApiError({ code: "Invalid", message: `unknown stream "${String(name).slice(0, 100)}"` });
      const start = streams[name] as (i: unknown, e: (v: unknown) => void) => () => void;
      return start(validate(streamInputs[name], input, name), emit);
    },
  };
}
