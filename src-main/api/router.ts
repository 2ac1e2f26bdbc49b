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
import type { ConnectionState } from "../../src-shared/api/types.ts";
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

/** A stream's service as the router holds it. */
type Service = { stop(): void; input?(i: unknown): void };

export function createRouter(s: Services): Router {
  /**
   * The connection being made to the context a request names, if one is. A request about a
   * context that is connecting waits for it (a list opened by its address draws, and asks for
   * its rows, discovery and namespaces, while its context connects). Connecting and
   * disconnecting are not about a connection already there, and never wait.
   */
  const connecting = (name: string, args: unknown) => {
    const context = (args as { context?: unknown } | undefined)?.context;
    const attempt = typeof context === "string" && !name.startsWith("connections.") ? s.connections.connecting(context) : undefined;
    if (!attempt || name === "resources.watch") return attempt;
    // Rows first: the rest (discovery, namespaces, access checks, counts) starts once the
    // lists asked for meanwhile have their first page, which is what the user waits for. On two
    // busy cores their answers, read and sent at the same moment, held it up: 100 pods took the
    // API server and main 50-180 ms instead of ~25.
    return attempt.then(async (state) => {
      if (state.status !== "connected") return state;
      // A turn later, so that the lists waiting on the same attempt have started.
      await new Promise((r) => setImmediate(r));
      await s.watchHub.firstPages(context as string);
      return state;
    });
  };
  /** Throws the connection's error when the attempt it waited for failed. */
  const connected = (state: ConnectionState) => {
    if (state.status === "error") throw new ApiError(state.error);
  };
  /**
   * Starts a stream once its context's connection is made: input meanwhile is kept for it, and
   * a failed connection ends the stream with the connection's error.
   */
  const onceConnected = (attempt: Promise<ConnectionState>, sink: StreamSink<unknown, unknown>, start: () => Service): Service => {
    let service: Service | undefined;
    let stopped = false;
    const queued: unknown[] = [];
    void attempt.then((state) => {
      if (stopped) return;
      try {
        connected(state);
        service = start();
        for (const i of queued.splice(0)) service.input?.(i);
      } catch (e) {
        sink.fail(e);
      }
    });
    return {
      stop() {
        stopped = true;
        service?.stop();
      },
      input(i) {
        if (service) service.input?.(i);
        else queued.push(i);
      },
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
      s.connections.config(query.context);
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
        const valid = validate(callInputs[name], input, name);
        const attempt = connecting(name, valid);
        if (attempt) connected(await attempt);
        return { ok: true, value: await handler(valid) };
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
      const valid = validate(streamArgs[name], args, name);
      const begin = (): Service => {
        const started = start(valid, sink, peer);
        return typeof started === "function" ? { stop: started } : started;
      };
      const attempt = connecting(name, valid);
      const service = attempt ? onceConnected(attempt, sink, begin) : begin();
      const schema = (streamInputs as Partial<Record<StreamName, z.ZodType>>)[name];
      return {
        stop: () => service.stop(),
        input(raw) {
          if (!schema || !service.input) throw new ApiError({ code: "Invalid", message: `${name} takes no input` });
          service.input(validate(schema, raw, `${name} input`));
        },
      };
    },
  };
}
