// Exec, attach and logs against the practice cluster (DESIGN §6), through the services the
// router starts: kwok runs exec as a real shell and writes logs every 2 s, so the API
// server's real exec, attach and log paths are exercised.
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { StreamArgs, StreamEvents, StreamInput, StreamResults } from "../src-shared/api/contract.ts";
import type { ApiError } from "../src-shared/api/errors.ts";
import type { StreamSink } from "./api/stream-sink.ts";
import { ensureBinaries } from "../e2e/sandbox/build.ts";
import { run } from "../e2e/sandbox/run.ts";
import { createApp, type App } from "./index.ts";
import { startExec } from "./streams/exec.ts";
import { startLogs } from "./streams/logs.ts";
import { startWorkloadLogs } from "./streams/workload-logs.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-streams-"));
let app: App;

/** A sink that records what a stream sends (the transport's flow control is tested elsewhere). */
function recorder<E, R>() {
  const events: E[] = [];
  let settle: (v: { result?: R; error?: ApiError }) => void = () => {};
  const done = new Promise<{ result?: R; error?: ApiError }>((r) => (settle = r));
  const sink: StreamSink<E, R> = {
    write: (e) => (events.push(e), true),
    offer: (e) => (events.push(e), true),
    onDrain: () => () => {},
    end: (result) => settle({ result }),
    fail: (error) => settle({ error: error as ApiError }),
    ended: false,
  };
  return { sink, events, done };
}

const pod = (name: string, context = "sandbox-admin") => ({ context, group: "", version: "v1", resource: "pods", namespace: "demo", name });

function exec(args: Partial<StreamArgs<"pods.exec">> & { name: string }) {
  const r = recorder<StreamEvents["pods.exec"], StreamResults["pods.exec"]>();
  const s = startExec(
    app.services.connections,
    { ...pod(args.name, args.context), container: "nginx", mode: "exec", command: [], tty: false, ...args },
    r.sink,
  );
  const text = () => Buffer.concat(r.events.flatMap((e) => ("data" in e ? [Buffer.from(e.data)] : []))).toString();
  const send = (i: StreamInput<"pods.exec">) => s.input(i);
  return { ...r, text, send, stop: s.stop };
}

/** Waits for `check`; `shown` says what there was instead when it never came. */
const until = async (check: () => boolean, what: string, shown?: () => string) => {
  try {
    await expect.poll(check, { timeout: 20_000, message: what }).toBe(true);
  } catch (e) {
    if (shown) throw new Error(`${what}: not seen in ${JSON.stringify(shown())}`, { cause: e });
    throw e;
  }
};

beforeAll(async () => {
  app = createApp({ userDataDir: dir, env: { ...process.env, KUBECONFIG: inject("kubeconfig") } });
  await app.services.connections.connect("sandbox-admin");
  await app.services.connections.connect("sandbox-viewer");
});

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("exec", () => {
  it("starts the first shell there is, runs what is typed, and ends with the exit code", async () => {
    const t = exec({ name: "nginx" });
    t.send({ data: new TextEncoder().encode("echo hello from $POD_NAME\nexit 3\n") });
    const { result, error } = await t.done;
    expect(error).toBeUndefined();
    expect(t.events[0]).toEqual({ started: ["bash"] });
    expect(t.text()).toContain("hello from nginx");
    expect(result?.code).toBe(3);
  });

  it("resizes a terminal, as stty sees it", async () => {
    const t = exec({ name: "nginx", tty: true, size: { cols: 90, rows: 20 } });
    // Typed once the shell shows its prompt, as a person would: a shell setting up its terminal
    // flushes input typed before (TCSAFLUSH), and then "stty size" never ran (a CI failure).
    await until(() => /[$#] $/.test(t.text()), "the prompt", t.text);
    t.send({ data: new TextEncoder().encode("stty size\n") });
    await until(() => t.text().includes("20 90"), "the first size", t.text);
    t.send({ resize: { cols: 132, rows: 43 } });
    t.send({ data: new TextEncoder().encode("stty size\n") });
    await until(() => t.text().includes("43 132"), "the new size", t.text);
    t.send({ data: new TextEncoder().encode("exit\n") });
    expect((await t.done).result?.code).toBe(0);
  });

  it("runs a given command, and says what the cluster said when it fails", async () => {
    const t = exec({ name: "nginx", command: ["sh", "-c", "echo out; echo err >&2; exit 7"] });
    const { result } = await t.done;
    // Two channels, so no order between them.
    expect(t.text().split("\n").sort()).toEqual(["", "err", "out"]);
    expect(result).toMatchObject({ code: 7, message: expect.stringContaining("exit status 7") });
    const missing = exec({ name: "nginx", command: ["no-such-command-here"] });
    expect((await missing.done).result).toMatchObject({ code: null, message: expect.stringMatching(/no-such-command-here/) });
  });

  it("refuses the viewer with the cluster's 403", async () => {
    const t = exec({ name: "nginx", context: "sandbox-viewer" });
    const { error } = await t.done;
    expect(error).toMatchObject({ code: "Forbidden", message: expect.stringContaining('running a command in pods in demo "nginx"') });
  });
});

describe("logs", () => {
  const logs = (args: Partial<StreamArgs<"pods.logs">> & { name: string; container: string }) => {
    const r = recorder<StreamEvents["pods.logs"], StreamResults["pods.logs"]>();
    const stop = startLogs(app.services.connections, { ...pod(args.name), follow: false, previous: false, timestamps: false, ...args }, r.sink);
    const lines = () => r.events.flatMap((e) => ("lines" in e ? e.lines : []));
    return { ...r, lines, stop };
  };

  it("reads the last lines and ends; follows new lines as they are written", async () => {
    const tail = logs({ name: "nginx", container: "nginx", tailLines: 3 });
    expect((await tail.done).result).toEqual({ lines: 3 });
    expect(tail.lines()).toHaveLength(3);
    expect(tail.lines()[0]).not.toMatch(/^\d{4}-/);

    const follow = logs({ name: "nginx", container: "nginx", tailLines: 1, follow: true, timestamps: true });
    // The agent writes a line every 2 s: a second one arrives while following.
    await until(() => follow.lines().length >= 2, "a line written while following");
    expect(follow.lines()[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z /);
    follow.stop();
  });

  it("reads a crash-looping container's previous log, and says what the cluster said when there is none", async () => {
    const previous = logs({ name: "crashy", container: "app", previous: true });
    expect((await previous.done).error).toBeUndefined();
    expect(previous.lines().length).toBeGreaterThan(0);
    const none = logs({ name: "nginx", container: "nginx", previous: true });
    const { error } = await none.done;
    // The cluster's own words reach the user (kwok names the missing previous log file; a kubelet says "previous terminated container … not found").
    expect(error).toMatchObject({ code: "Invalid", reason: expect.stringMatching(/previous/) });
  });
});

describe("port-forwards", () => {
  const ns = `kd-forward-${Date.now().toString(36)}`;
  // A new TCP connection each time (no keep-alive): each is a new choice of pod.
  const page = (address: string) =>
    new Promise<string>((resolve, reject) => {
      get(address, { agent: false }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve(body));
        res.on("error", reject);
      }).on("error", reject);
    });

  beforeAll(async () => {
    const bins = await ensureBinaries(() => {});
    const kubectl = (args: string[], input?: string) => run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args], { input });
    await kubectl(["create", "namespace", ns]);
    await kubectl(
      ["apply", "-f", "-"],
      JSON.stringify({
        kind: "List",
        apiVersion: "v1",
        items: [
          {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web", namespace: ns },
            spec: {
              replicas: 1,
              selector: { matchLabels: { app: "web" } },
              template: {
                metadata: { labels: { app: "web" } },
                spec: { terminationGracePeriodSeconds: 0, containers: [{ name: "web", image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080 }] }] },
              },
            },
          },
          {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "web", namespace: ns },
            spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }] },
          },
        ],
      }),
    );
    await kubectl(["rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"]);
  });

  afterAll(async () => {
    const bins = await ensureBinaries(() => {});
    await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  });

  it("forwards a pod's port from 127.0.0.1, counts the bytes, and stops", async () => {
    const forwards = app.services.forwards;
    const f = await forwards.start({ context: "sandbox-admin", kind: "pod", namespace: "demo", name: "nginx", port: 80 });
    expect(f).toMatchObject({ state: "listening", pod: "nginx", targetPort: 80, address: `http://127.0.0.1:${f.localPort}` });
    expect(await page(f.address)).toContain("Welcome to the Kubedeck practice cluster");
    await expect.poll(() => forwards.list().find((x) => x.id === f.id)!.bytesIn).toBeGreaterThan(100);
    forwards.stop(f.id);
    await expect(fetch(f.address)).rejects.toThrow();
    expect(forwards.list().find((x) => x.id === f.id)).toBeUndefined();
  });

  it("forwards a Service to its named target port on a ready pod, and to another once that pod is gone", async () => {
    const bins = await ensureBinaries(() => {});
    const kubectl = (args: string[]) => run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args]);
    const forwards = app.services.forwards;
    const f = await forwards.start({ context: "sandbox-admin", kind: "service", namespace: ns, name: "web", port: 80 });
    expect(f.targetPort).toBe(8080);
    expect(await page(f.address)).toContain("Welcome");
    // Not waited for: a pod being deleted is no longer chosen, and its replacement is once it is ready.
    await kubectl(["delete", "pod", f.pod, "-n", ns, "--wait=false"]);
    await expect.poll(async () => (await page(f.address).catch(() => "")).includes("Welcome"), { timeout: 30_000 }).toBe(true);
    expect(forwards.list().find((x) => x.id === f.id)!.pod).not.toBe(f.pod);
    forwards.stop(f.id);
  });

  it("merges a workload's pods' logs in time order, each tagged; a pod that comes joins, one that goes leaves", async () => {
    const bins = await ensureBinaries(() => {});
    const kubectl = (args: string[]) => run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args]);
    await kubectl(["scale", "deployment/web", "-n", ns, "--replicas=2"]);
    await kubectl(["rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"]);
    const r = recorder<StreamEvents["workloads.logs"], StreamResults["workloads.logs"]>();
    const stop = startWorkloadLogs(
      app.services.connections,
      app.services.watchHub,
      { context: "sandbox-admin", namespace: ns, labelSelector: "app=web", timestamps: true, tailLines: 5 },
      r.sink,
    );
    const sources = () => r.events.flatMap((e) => ("sources" in e ? [e.sources] : [])).at(-1) ?? [];
    const lines = () => r.events.flatMap((e) => ("lines" in e ? e.lines : []));
    await until(() => sources().length === 2, "both pods as sources");
    await until(() => new Set(lines().map(([i]) => i)).size === 2, "lines from both pods");
    // In time order across pods, within each batch.
    for (const e of r.events)
      if ("lines" in e) {
        const stamps = e.lines.map(([, text]) => text.slice(0, 30));
        expect([...stamps].sort()).toEqual(stamps);
      }
    await kubectl(["scale", "deployment/web", "-n", ns, "--replicas=1"]);
    await until(() => r.events.some((e) => "left" in e), "a pod leaving");
    await until(() => sources().length === 1, "one source left");
    stop();
  });

  it("listens again, on the same port, when its context connects again or the app starts again; Stop forgets it", async () => {
    const forwards = app.services.forwards;
    const f = await forwards.start({ context: "sandbox-admin", kind: "service", namespace: ns, name: "web", port: 80 });
    const settingsFile = join(dir, "settings.json");
    const remembered = () => JSON.parse(readFileSync(settingsFile, "utf8")).forwards;
    expect(remembered()).toContainEqual({ context: "sandbox-admin", kind: "service", namespace: ns, name: "web", port: 80, localPort: f.localPort });

    // The context disconnects: closed, not forgotten; it connects again: listening again, same port.
    app.services.connections.disconnect("sandbox-admin");
    await expect(fetch(f.address)).rejects.toThrow();
    expect(forwards.list().some((x) => x.name === "web")).toBe(false);
    await app.services.connections.connect("sandbox-admin");
    await expect.poll(() => forwards.list().find((x) => x.name === "web" && x.namespace === ns)?.state, { timeout: 20_000 }).toBe("listening");
    expect(await page(f.address)).toContain("Welcome to the Kubedeck practice cluster");

    // The app closes and starts again on the same settings: the forward is back by itself.
    app.close();
    await expect(fetch(f.address)).rejects.toThrow();
    app = createApp({ userDataDir: dir, env: { ...process.env, KUBECONFIG: inject("kubeconfig") } });
    await app.services.connections.connect("sandbox-admin");
    await app.services.connections.connect("sandbox-viewer");
    const back = () => app.services.forwards.list().find((x) => x.name === "web" && x.namespace === ns);
    await expect.poll(() => back()?.state, { timeout: 20_000 }).toBe("listening");
    expect(back()!.localPort).toBe(f.localPort);
    expect(await page(f.address)).toContain("Welcome to the Kubedeck practice cluster");

    // The port taken by something else meanwhile: said in the list, not moved to another port.
    app.services.forwards.close();
    const squatter = createServer().listen(f.localPort, "127.0.0.1");
    await once(squatter, "listening");
    try {
      app.services.connections.disconnect("sandbox-admin");
      await app.services.connections.connect("sandbox-admin");
      await expect.poll(() => back()?.state, { timeout: 20_000 }).toBe("failed");
      expect(back()!.error).toMatch(/EADDRINUSE/);
    } finally {
      squatter.close();
    }
    // Stop: forgotten for good.
    app.services.forwards.stop(back()!.id);
    expect(remembered().some((r: { name: string }) => r.name === "web")).toBe(false);
  });

  it("refuses what it cannot reach at once, and says a refused connection in the list", async () => {
    const forwards = app.services.forwards;
    await expect(forwards.start({ context: "sandbox-admin", kind: "service", namespace: ns, name: "web", port: 9999 })).rejects.toMatchObject({
      message: expect.stringContaining("has no port 9999"),
    });
    const f = await forwards.start({ context: "sandbox-viewer", kind: "pod", namespace: "demo", name: "nginx", port: 80 });
    await fetch(f.address).catch(() => undefined);
    await expect.poll(() => forwards.list().find((x) => x.id === f.id)!.error).toMatch(/403/);
    forwards.stop(f.id);
  });
});
