// Port-forwards (DESIGN §6), owned by main: a TCP listener on 127.0.0.1, and for each
// connection it accepts one WebSocket to the API server (client-node's PortForward carries one
// port per socket). A Service is forwarded the way kubectl does it, to one ready pod behind it
// and the service port's target port (named ports included), but chosen again for every new
// connection, so a forward outlives the pod it first reached. Listeners live as long as main
// (a reload of the window finds them), or until stopped or their context disconnects. Forwards
// are remembered (in the settings) until the user stops them: when their context connects
// again — after a disconnect, or when the app starts again — they listen again, on the same
// local port (a port taken meanwhile is said in the list, not silently changed).
import { createServer, type Server, type Socket } from "node:net";
import { Writable } from "node:stream";
import { PortForward } from "@kubernetes/client-node";
import type WebSocket from "ws";
import { ApiError } from "../../src-shared/api/errors.ts";
import { resourcePath } from "../../src-shared/api/refs.ts";
import type { ForwardInfo, ForwardRequest } from "../../src-shared/api/types.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { Connections } from "../kube/connections.ts";
import { toApiError } from "../kube/errors.ts";
import { getJson } from "../kube/raw.ts";

interface Forward {
  info: ForwardInfo;
  /** None for a remembered forward that could not listen again (its error is in `info`). */
  server?: Server;
  sockets: Set<Socket>;
}

/** Where forwards are remembered between runs (the settings file). */
export interface ForwardMemory {
  load(): ForwardRequest[];
  save(list: ForwardRequest[]): void;
}

/** One remembered forward per target and port. */
const memoryKey = (r: ForwardRequest) => [r.context, r.kind, r.namespace, r.name, r.port].join("|");

/** How often the list's byte counts are sent while data flows. */
const reportMs = 1_000;

type ContainerPort = { name?: string; containerPort: number };

/** A pod's port by number or by name (a Service's targetPort may name one). */
function podPort(pod: K8sObject, port: number | string): number {
  if (typeof port === "number") return port;
  const found = (pod.spec?.containers ?? []).flatMap((c: { ports?: ContainerPort[] }) => c.ports ?? []).find((p: ContainerPort) => p.name === port);
  if (!found) throw new ApiError({ code: "NotFound", message: `pod ${pod.metadata?.name} has no port named "${port}"` });
  return found.containerPort;
}

const podReady = (p: K8sObject) =>
  p.status?.phase === "Running" &&
  !p.metadata?.deletionTimestamp &&
  (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True");

export class PortForwards {
  private readonly connections: Connections;
  private readonly forwards = new Map<string, Forward>();
  private readonly listeners = new Set<(list: ForwardInfo[]) => void>();
  private next = 0;
  private reportTimer?: NodeJS.Timeout;
  private readonly memory?: ForwardMemory;
  /** Contexts whose remembered forwards were started again since they connected. */
  private readonly restored = new Set<string>();

  constructor(connections: Connections, memory?: ForwardMemory) {
    this.connections = connections;
    this.memory = memory;
    connections.onDisconnect((context) => {
      this.restored.delete(context);
      // Closed, not forgotten: they come back when the context connects again.
      for (const f of [...this.forwards.values()]) if (f.info.context === context) this.shut(f.info.id);
    });
    connections.onChange((states) => {
      for (const st of states) if (st.status === "connected" && !this.restored.has(st.context)) void this.restore(st.context);
    });
  }

  private remember(req: ForwardRequest) {
    if (!this.memory) return;
    const key = memoryKey(req);
    const entry: ForwardRequest = { context: req.context, kind: req.kind, namespace: req.namespace, name: req.name, port: req.port, localPort: req.localPort };
    this.memory.save([...this.memory.load().filter((r) => memoryKey(r) !== key), entry]);
  }

  private forget(req: ForwardRequest) {
    if (!this.memory) return;
    const key = memoryKey(req);
    const list = this.memory.load();
    if (list.some((r) => memoryKey(r) === key)) this.memory.save(list.filter((r) => memoryKey(r) !== key));
  }

  /** A context connected: its remembered forwards listen again, each on its own port. */
  private async restore(context: string) {
    this.restored.add(context);
    const active = new Set([...this.forwards.values()].map((f) => memoryKey(f.info)));
    for (const req of this.memory?.load() ?? []) {
      if (req.context !== context || active.has(memoryKey(req))) continue;
      try {
        await this.start(req);
      } catch (e) {
        // Kept in the list, failed, with the reason: the user decides (Stop forgets it).
        const id = `pf-${++this.next}`;
        const info: ForwardInfo = {
          ...req,
          id,
          localPort: req.localPort ?? 0,
          address: "",
          state: "failed",
          error: (e as Error).message,
          pod: "",
          targetPort: 0,
          connections: 0,
          bytesIn: 0,
          bytesOut: 0,
        };
        this.forwards.set(id, { info, sockets: new Set() });
        this.changed();
      }
    }
  }

  list(): ForwardInfo[] {
    return [...this.forwards.values()].map((f) => ({ ...f.info }));
  }

  onChange(listener: (list: ForwardInfo[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    const list = this.list();
    for (const l of this.listeners) l(list);
  }

  /** Byte counts change with every chunk: said at most once a second. */
  private changedSoon() {
    this.reportTimer ??= setTimeout(() => {
      this.reportTimer = undefined;
      this.changed();
    }, reportMs);
  }

  /** The pod and its port a new connection goes to. */
  private async resolve(req: ForwardRequest): Promise<{ pod: string; port: number }> {
    const kc = this.connections.config(req.context);
    const path = (resource: string, name?: string) => resourcePath({ group: "", version: "v1", resource, namespace: req.namespace, name });
    if (req.kind === "pod") {
      const pod = await getJson<K8sObject>(kc, path("pods", req.name));
      return { pod: req.name, port: podPort(pod, req.port) };
    }
    const svc = await getJson<K8sObject>(kc, path("services", req.name));
    const ports: { name?: string; port: number; targetPort?: number | string }[] = svc.spec?.ports ?? [];
    const sp = ports.find((p) => p.port === req.port || (p.name !== undefined && p.name === req.port));
    if (!sp) throw new ApiError({ code: "NotFound", message: `service ${req.namespace}/${req.name} has no port ${req.port}` });
    const selector: Record<string, string> = svc.spec?.selector ?? {};
    if (!Object.keys(selector).length)
      throw new ApiError({ code: "Invalid", message: `service ${req.namespace}/${req.name} selects no pods (it has no selector)` });
    const q = new URLSearchParams({
      labelSelector: Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
    });
    const pods = (await getJson<{ items: K8sObject[] }>(kc, `${path("pods")}?${q}`)).items.filter(podReady);
    if (!pods.length) throw new ApiError({ code: "NotFound", message: `service ${req.namespace}/${req.name} has no ready pod to forward to` });
    // The pod reached last time while it stays ready, else the first ready one.
    const current = this.forwards.get(req.id ?? "")?.info.pod;
    const pod = pods.find((p) => p.metadata?.name === current) ?? pods[0];
    return { pod: pod.metadata!.name!, port: podPort(pod, sp.targetPort ?? sp.port) };
  }

  async start(req: ForwardRequest): Promise<ForwardInfo> {
    const id = `pf-${++this.next}`;
    const what = `forwarding ${req.kind} ${req.namespace}/${req.name} port ${req.port}`;
    // The target is checked before listening: a typo fails here, not at the first connection.
    let first: { pod: string; port: number };
    try {
      first = await this.resolve(req);
    } catch (e) {
      throw toApiError(e, what);
    }
    const server = createServer();
    const info: ForwardInfo = {
      ...req,
      id,
      localPort: 0,
      address: "",
      state: "listening",
      pod: first.pod,
      targetPort: first.port,
      connections: 0,
      bytesIn: 0,
      bytesOut: 0,
    };
    const forward: Forward = { info, server, sockets: new Set() };
    server.on("connection", (socket) => void this.accept(forward, { ...req, id }, socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", (e) => reject(toApiError(e, `${what}: listening on 127.0.0.1:${req.localPort ?? 0}`)));
      server.listen(req.localPort ?? 0, "127.0.0.1", () => resolve());
    });
    // Later listener errors end this forward only, said in its state.
    server.on("error", (e) => {
      info.state = "failed";
      info.error = (e as Error).message;
      this.changed();
    });
    const port = (server.address() as { port: number }).port;
    info.localPort = port;
    info.address = `http://127.0.0.1:${port}`;
    this.forwards.set(id, forward);
    this.remember({ ...req, localPort: port });
    this.changed();
    return { ...info };
  }

  /** One accepted connection: a WebSocket to the pod's port, bytes both ways, each side ending the other. */
  private async accept(f: Forward, req: ForwardRequest, socket: Socket) {
    f.sockets.add(socket);
    f.info.connections++;
    this.changed();
    let ws: WebSocket | undefined;
    const done = () => {
      if (!f.sockets.delete(socket)) return;
      f.info.connections--;
      socket.destroy();
      ws?.close();
      this.changed();
    };
    socket.on("error", done);
    socket.on("close", done);
    try {
      const target = await this.resolve(req);
      if (target.pod !== f.info.pod || target.port !== f.info.targetPort) {
        f.info.pod = target.pod;
        f.info.targetPort = target.port;
      }
      f.info.error = undefined;
      const output = new Writable({
        write: (chunk: Buffer, _enc, cb) => {
          f.info.bytesIn += chunk.length;
          this.changedSoon();
          if (!socket.write(chunk)) socket.once("drain", () => cb());
          else cb();
        },
      });
      ws = (await new PortForward(this.connections.config(req.context)).portForward(
        req.namespace,
        target.pod,
        [target.port],
        output,
        null,
        socket,
      )) as unknown as WebSocket;
      // Counted only now: a listener added earlier would start the socket flowing before the WebSocket could take its bytes.
      socket.on("data", (d) => {
        f.info.bytesOut += d.length;
        this.changedSoon();
      });
      ws.on("close", () => socket.end());
      ws.on("error", done);
      if (!f.sockets.has(socket)) ws.close();
    } catch (e) {
      // This connection fails, said in the list; the forward keeps listening for the next.
      f.info.error = toApiError(e, `forwarding a connection to ${req.kind} ${req.namespace}/${req.name}`).message;
      done();
    }
  }

  /** The user's Stop: closed and forgotten. */
  stop(id: string) {
    const f = this.shut(id);
    this.forget(f.info);
  }

  /** Closed, still remembered (its context disconnected, or the app is closing). */
  private shut(id: string): Forward {
    const f = this.forwards.get(id);
    if (!f) throw new ApiError({ code: "NotFound", message: `no port-forward ${id} (stopped already?)` });
    this.forwards.delete(id);
    for (const s of f.sockets) s.destroy();
    f.server?.close();
    this.changed();
    return f;
  }

  close() {
    for (const id of [...this.forwards.keys()]) this.shut(id);
  }
}
