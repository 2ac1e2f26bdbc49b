// The router: every call and stream from the renderer arrives here, is validated against
// the contract, and goes to a service. Nothing else in main listens to the renderer.
import type { PodSpec } from "kubernetes-types/core/v1.js";
import type { z } from "zod";
import {
  callInputs,
  isCallName,
  isStreamName,
  streamArgs,
  streamInputs,
  type CallName,
  type CallOutputs,
  type StreamEvents,
  type StreamName,
  type StreamResults,
} from "../../src-shared/api/contract.ts";
import { ApiError, type ApiErrorShape } from "../../src-shared/api/errors.ts";
import { applySettingsChange } from "../../src-shared/api/settings.ts";
import { parseSelector } from "../../src-shared/k8s/label-selector.ts";
import type { Services } from "../services.ts";
import { toApiError } from "../kube/errors.ts";
import { startDrain } from "../kube/drain.ts";
import { checkTls } from "../kube/tls-check.ts";
import { startExec } from "../streams/exec.ts";
import { startLogs } from "../streams/logs.ts";
import { startWorkloadLogs } from "../streams/workload-logs.ts";
import { isHelmReleases } from "../../src-shared/kinds/helm.ts";
import { echo } from "./echo.ts";
import { validate } from "./validate.ts";
import type { StreamSink } from "./stream-sink.ts";

type Handlers = { [N in CallName]: (input: z.output<(typeof callInputs)[N]>) => Promise<CallOutputs[N]> | CallOutputs[N] };
type Input<N extends StreamName> = N extends keyof typeof streamInputs ? z.output<(typeof streamInputs)[N]> : never;
/** A stream's service: starts it, and gives back its clean-up (and, for streams that take input, where input goes). */
type Streams = {
  [N in StreamName]: (
    args: z.output<(typeof streamArgs)[N]>,
    sink: StreamSink<StreamEvents[N], StreamResults[N]>,
    peer: string | undefined,
  ) => (() => void) | { stop(): void; input(i: Input<N>): void };
};

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

/** An open stream as the session holds it. */
export interface StreamHandle {
  stop(): void;
  /** Validates one input message and hands it to the stream; throws an ApiError when it does not fit. */
  input(raw: unknown): void;
}

export interface Router {
  call(name: unknown, input: unknown): Promise<CallResult>;
  /** Starts a stream writing into `sink`; throws an ApiError when the name or arguments are not acceptable. */
  subscribe(name: unknown, args: unknown, sink: StreamSink<unknown, unknown>, peer?: string): StreamHandle;
}

export function createRouter(s: Services): Router {
  /**
   * Starts a stream once `context` is connected: at once when it is; when a connection is
   * being made (a list opened by its address asks for its rows while its context connects),
   * when that ends, failing the stream with the connection's error if it failed.
   */
  const onceConnected = (context: string, sink: StreamSink<unknown, unknown>, start: () => () => void): (() => void) => {
    const connecting = s.connections.connecting(context);
    if (!connecting) {
      s.connections.config(context);
      return start();
    }
    let stop: (() => void) | undefined;
    let stopped = false;
    void connecting.then((state) => {
      if (stopped) return;
      try {
        if (state.status === "error") throw new ApiError(state.error);
        s.connections.config(context);
        stop = start();
      } catch (e) {
        sink.fail(e);
      }
    });
    return () => {
      stopped = true;
      stop?.();
    };
  };
  const handlers: Handlers = {
    "contexts.get": () => s.kubeconfig.snapshot(),
    "kubeconfig.addPath": ({ path }) => {
      s.settings.update((x) => void (x.kubeconfigPaths = [...new Set([...x.kubeconfigPaths, path])]));
      s.kubeconfig.setUserPaths(s.settings.get().kubeconfigPaths);
      return s.kubeconfig.snapshot();
    },
    "kubeconfig.setNamespace": ({ context, namespace }) => s.kubeconfig.setDefaultNamespace(context, namespace),
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
    "resources.get": (ref) => (isHelmReleases(ref) ? s.helm.get(ref) : s.resources.get(ref)),
    // A release's objects are its own details' business (its manifest), not owner links.
    "resources.related": (ref) => (isHelmReleases(ref) ? [] : s.resources.related(ref)),
    "helm.binary": () => s.helmCli.binary(),
    "helm.history": (ref) => s.helm.history(ref),
    "helm.revision": ({ revision, ...ref }) => s.helm.revision(ref, revision),
    "helm.repos": () => s.helmCharts.repositories(),
    "helm.search": ({ query }) => s.helmCharts.search(query),
    "helm.chart": ({ ref, version, plainHttp }) => s.helmCharts.inspect(ref, version, plainHttp),
    "helm.lint": ({ ref, version, values, plainHttp }) => s.helmCharts.lint(ref, version, values, plainHttp),
    "helm.render": ({ context, command }) => s.helmCharts.render(context, command as Extract<typeof command, { command: "install" | "upgrade" }>),
    "rollouts.history": (ref) => s.resources.history(ref),
    "nodes.placementPods": ({ context, node }) => s.resources.placementPods(context, node),
    "nodes.allocation": ({ context, node }) => s.resources.allocation(context, node),
    "pods.fit": ({ context, namespace, name, room }) => s.resources.podFit(context, namespace, name, room),
    "storage.overview": ({ context }) => s.resources.storage(context),
    "scheduling.predict": ({ context, ...r }) => s.resources.predict(context, { ...r, spec: r.spec as unknown as PodSpec }),
    "metrics.status": ({ context }) => s.resources.metricsStatus(context),
    "cluster.overview": ({ context, namespaces }) => s.resources.overview(context, namespaces),
    "metrics.usage": ({ context, what, namespace }) => s.resources.usage(context, what, namespace),
    "resources.count": ({ context, resources, namespaces }) => s.resources.count(context, resources, namespaces),
    "resources.act": ({ action, input, targets }) => s.actions.run(action, input, targets),
    "resources.actDryRun": ({ action, input, target }) => s.actions.dryRun(action, input, target),
    "resources.apply": (req) => s.apply.apply(req),
    "schemas.forKinds": ({ context, kinds }) => s.schemas.forKinds(context, kinds),
    "drafts.save": (draft) => s.drafts.save(draft),
    "drafts.list": () => s.drafts.list(),
    "drafts.get": ({ id }) => s.drafts.get(id),
    "drafts.discard": ({ id }) => s.drafts.discard(id),
    "journal.list": ({ context }) => s.journal.list(context),
    "journal.get": ({ context, id }) => s.journal.get(context, id),
    "journal.revert": ({ context, id }) => s.journal.revert(context, id),
    "forwards.start": (req) => s.forwards.start(req),
    "forwards.stop": ({ id }) => s.forwards.stop(id),
    "secrets.reveal": ({ keys, ...ref }) => s.resources.reveal(ref, keys),
    "secrets.checkTls": ({ cert, key }) => checkTls(cert, key),
    "settings.get": () => s.settings.get(),
    "settings.update": (change) => s.settings.update((x) => applySettingsChange(x, change)),
  };

  const streams: Streams = {
    "contexts.watch": (_args, sink) => {
      sink.write(s.kubeconfig.snapshot());
      return s.kubeconfig.onChange((e) => sink.write(e));
    },
    "connections.watch": (_args, sink) => {
      sink.write(s.connections.list());
      return s.connections.onChange((e) => sink.write(e));
    },
    "forwards.watch": (_args, sink) => {
      sink.write(s.forwards.list());
      return s.forwards.onChange((e) => sink.write(e));
    },
    "helm.run": ({ context, command }, sink) => {
      s.connections.config(context);
      return s.helmCli.start(context, command, sink);
    },
    "app.menu": ({ labels }, sink, peer) => s.menu.subscribe(peer, labels, (key) => sink.write({ key })),
    "namespaces.watch": ({ context }, sink) => s.namespaces.subscribe(context, (e) => sink.write(e)),
    "resources.watch": (query, sink) => {
      if (query.labelSelector) {
        const parsed = parseSelector(query.labelSelector);
        if (!parsed.ok) {
          throw new ApiError({
            code: "Invalid",
            message: `label selector: ${parsed.error}`,
            fields: [{ path: "labelSelector", message: `${parsed.error} (at ${parsed.position})` }],
          });
        }
      }
      return onceConnected(query.context, sink, () => {
        // The hub cannot pause for one slow reader (others share the watch). A reader that
        // falls behind misses the changes meanwhile and gets the current rows once it caught up.
        let behind = false;
        const listener = (e: StreamEvents["resources.watch"]) => {
          if (!behind && !sink.write(e)) behind = true;
        };
        // Helm releases are not served by the API server: main reads them from Helm's storage.
        const helm = isHelmReleases(query) ? s.helm.subscribe(query, listener) : undefined;
        sink.onDrain(() => {
          if (!behind) return;
          behind = false;
          if (helm) helm.replay();
          else s.watchHub.replay(query, listener);
        });
        return helm ? helm.stop : s.watchHub.subscribe(query, listener);
      });
    },
    "resources.counts": ({ context, resources, namespaces }, sink) => {
      s.connections.config(context);
      return s.counts.subscribe(context, resources, namespaces, (counts) => sink.write(counts));
    },
    "discovery.watch": ({ context }, sink) => s.discovery.subscribe(context, (e) => sink.write(e)),
    "pods.exec": (args, sink) => startExec(s.connections, args, sink),
    "pods.logs": (args, sink) => startLogs(s.connections, args, sink),
    "workloads.logs": (args, sink) => {
      const parsed = args.labelSelector === undefined ? { ok: true as const } : parseSelector(args.labelSelector);
      if (!parsed.ok) throw new ApiError({ code: "Invalid", message: `label selector: ${parsed.error}` });
      s.connections.config(args.context);
      return startWorkloadLogs(s.connections, s.watchHub, args, sink);
    },
    "diagnostics.echo": (args, sink) => echo(args, sink),
    "nodes.drain": (args, sink) => startDrain(s.connections, s.journal, args, sink),
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
    subscribe(name, args, sink, peer) {
      if (!isStreamName(name)) throw new ApiError({ code: "Invalid", message: `unknown stream "${String(name).slice(0, 100)}"` });
      const start = streams[name] as (
        a: unknown,
        sink: StreamSink<unknown, unknown>,
        peer: string | undefined,
      ) => (() => void) | { stop(): void; input(i: unknown): void };
      const started = start(validate(streamArgs[name], args, name), sink, peer);
      const service = typeof started === "function" ? { stop: started } : started;
      const schema = (streamInputs as Partial<Record<StreamName, z.ZodType>>)[name];
      return {
        stop: () => service.stop(),
        input(raw) {
          if (!schema || !("input" in service)) throw new ApiError({ code: "Invalid", message: `${name} takes no input` });
          service.input(validate(schema, raw, `${name} input`));
        },
      };
    },
  };
}
