// The practice cluster behaves like a real one where Kubedeck will look: nodes, scheduling,
// the kubelet API paths (exec, logs, attach, port-forward), storage, RBAC, Helm, metrics.
import { spawn } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { ensureBinaries } from "./build.ts";
import { helmEnv } from "./seed.ts";
import { CommandError, run } from "./run.ts";

const bins = await ensureBinaries(() => {});
const kubeconfig = inject("kubeconfig");

const kubectl = (args: string[], opts: { context?: string; input?: string } = {}) =>
  run(bins.kubectl, ["--kubeconfig", kubeconfig, "--context", opts.context ?? "sandbox-admin", ...args], { input: opts.input });

const json = async (args: string[]) => JSON.parse(await kubectl([...args, "-o", "json"]));

/** The error kubectl ends with, for a command that must fail. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the command to fail");
    },
    (e: CommandError) => e,
  );

/** Polls until check() returns a value (not undefined), or fails with the last reason. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
}

/** Starts a long-running kubectl and resolves with the first stdout that matches. */
function streamUntil(args: string[], match: RegExp, timeoutMs = 20_000): Promise<{ text: string; stop: () => void }> {
  const child = spawn(bins.kubectl, ["--kubeconfig", kubeconfig, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  let err = "";
  const stop = () => child.kill();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no output matching ${match} from kubectl ${args.join(" ")} (got: ${text}${err})`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      text += d;
      if (match.test(text)) {
        clearTimeout(timer);
        resolve({ text, stop });
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!match.test(text)) reject(new Error(`kubectl ${args.join(" ")} exited ${code}: ${err}`));
    });
  });
}

const ready = (obj: { status?: { conditions?: { type: string; status: string }[] } }) =>
  obj.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

describe("nodes", () => {
  it("are Ready, labelled like cloud nodes, with the control plane and the GPU node tainted", async () => {
    const nodes = (await json(["get", "nodes"])).items;
    expect(nodes.length).toBeGreaterThanOrEqual(5);
    for (const n of nodes) {
      expect(ready(n), `${n.metadata.name} Ready`).toBe(true);
      for (const l of ["kubernetes.io/hostname", "kubernetes.io/os", "kubernetes.io/arch", "node.kubernetes.io/instance-type", "topology.kubernetes.io/zone"]) {
        expect(n.metadata.labels[l], `${n.metadata.name} ${l}`).toBeTruthy();
      }
      expect(Number(n.status.capacity.pods)).toBeGreaterThan(0);
    }
    const byName = Object.fromEntries(nodes.map((n: { metadata: { name: string } }) => [n.metadata.name, n]));
    expect(byName["sandbox-control-plane"].spec.taints).toContainEqual({ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" });
    expect(byName["sandbox-worker-4"].spec.taints).toContainEqual({ key: "dedicated", value: "gpu", effect: "NoSchedule" });
    const workers = nodes.filter((n: { metadata: { labels: Record<string, string> } }) => "node-role.kubernetes.io/worker" in n.metadata.labels);
    expect(workers.length).toBeGreaterThanOrEqual(4);
    expect(new Set(workers.map((n: { metadata: { labels: Record<string, string> } }) => n.metadata.labels["topology.kubernetes.io/zone"])).size).toBe(2);
    expect(new Set(workers.map((n: { metadata: { labels: Record<string, string> } }) => n.metadata.labels.disktype))).toEqual(new Set(["ssd", "hdd"]));
    const cpus = new Set(workers.map((n: { status: { capacity: { cpu: string } } }) => n.status.capacity.cpu));
    expect(cpus.size).toBeGreaterThan(1);
  });
});

describe("scheduling and pod life", () => {
  it("runs the Deployment's pods on untainted workers only", async () => {
    // Pods of earlier revisions may still be terminating; the live ones are the current three.
    const deployment = await json(["get", "deployment", "-n", "demo", "nginx-deployment"]);
    const pods = (await json(["get", "pods", "-n", "demo", "-l", "app=nginx"])).items.filter(
      (p: { metadata: { deletionTimestamp?: string } }) => !p.metadata.deletionTimestamp,
    );
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.spec.containers[0].image).toBe(deployment.spec.template.spec.containers[0].image);
    for (const p of pods) {
      expect(p.status.phase).toBe("Running");
      expect(p.spec.nodeName).toMatch(/^sandbox-worker-/);
      expect(p.spec.nodeName).not.toBe("sandbox-worker-4");
    }
  });

  it("keeps a rollout history of three revisions", async () => {
    const history = await kubectl(["rollout", "history", "-n", "demo", "deployment/nginx-deployment"]);
    expect(history).toMatch(/^1\s+create with image nginx:1\.19/m);
    expect(history).toMatch(/^3\s+update image to nginx:1\.21/m);
  });

  it("leaves the pod with an unsatisfiable nodeSelector Pending, with the scheduler's reason", async () => {
    const pod = await json(["get", "pod", "-n", "demo", "unschedulable"]);
    expect(pod.status.phase).toBe("Pending");
    const scheduled = pod.status.conditions.find((c: { type: string }) => c.type === "PodScheduled");
    expect(scheduled).toMatchObject({ status: "False", reason: "Unschedulable" });
  });

  it("completes one Job and fails the other with its exit code", async () => {
    await kubectl(["wait", "-n", "demo", "--for=condition=Complete", "job/pi", "--timeout=60s"]);
    await kubectl(["wait", "-n", "demo", "--for=condition=Failed", "job/report-failing", "--timeout=90s"]);
    const pods = (await json(["get", "pods", "-n", "demo", "-l", "job-name=report-failing"])).items;
    expect(pods[0].status.phase).toBe("Failed");
    expect(pods[0].status.containerStatuses[0].state.terminated.exitCode).toBe(2);
  });

  it("places the GPU pod on the tainted GPU node", async () => {
    const pod = await waitFor("gpu-job Running", async () => {
      const p = await json(["get", "pod", "-n", "demo", "gpu-job"]);
      return p.status.phase === "Running" ? p : undefined;
    });
    expect(pod.spec.nodeName).toBe("sandbox-worker-4");
  });
});

describe("kubelet paths served by kwok", () => {
  it("exec runs a shell in the pod's own scratch folder and passes exit codes", async () => {
    const out = await kubectl(["exec", "-n", "demo", "nginx", "--", "sh", "-c", 'echo "hello from $POD_NAME"; pwd']);
    expect(out).toContain("hello from nginx");
    expect(out).toMatch(/\/demo\/nginx_[0-9a-f-]+\/nginx\n/);
    const other = await kubectl(["exec", "-n", "demo", "myapp", "-c", "redis", "--", "pwd"]);
    expect(other).toMatch(/\/demo\/myapp_[0-9a-f-]+\/redis\n/);
    // kwok reports the command's own exit code in the error, and kubectl exits non-zero
    // (kwok's exec server does not hand the code itself back: see the README).
    const err = await failure(kubectl(["exec", "-n", "demo", "nginx", "--", "sh", "-c", "echo broken >&2; exit 3"]));
    expect(err.code).not.toBe(0);
    expect(err.stderr).toContain("broken");
    expect(err.stderr).toContain("exit status 3");
  });

  it("exec keeps state between commands and reads stdin", async () => {
    await kubectl(["exec", "-n", "demo", "nginx", "--", "sh", "-c", "echo kept > note.txt"]);
    const out = await kubectl(["exec", "-i", "-n", "demo", "nginx", "--", "sh"], { input: "cat note.txt\necho $CONTAINER_NAME\nexit 0\n" });
    expect(out).toBe("kept\nnginx\n");
  });

  it("exec with a terminal runs an interactive shell", async () => {
    // `script` gives kubectl the terminal that -t asks for. Each line is typed only once the
    // shell has shown its prompt, as a person would: input typed earlier may be flushed.
    const cmd = `${bins.kubectl} --kubeconfig ${kubeconfig} exec -it -n demo nginx -- sh`;
    const child = spawn("script", ["-qec", cmd, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    let screen = "";
    const waiters: { re: RegExp; resolve: () => void }[] = [];
    child.stdout.on("data", (d: Buffer) => {
      screen += d;
      for (const w of waiters.filter((w) => w.re.test(screen))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    const seen = (re: RegExp) => new Promise<void>((resolve) => (re.test(screen) ? resolve() : waiters.push({ re, resolve })));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await seen(/nginx\$ $/m);
      child.stdin.write("tty; echo interactive-$((40+2))\r");
      await seen(/interactive-42/);
      child.stdin.write("exit 5\r");
      expect(await exited).not.toBe(0);
    } finally {
      child.kill();
    }
    expect(screen).toMatch(/\/dev\/pts\/\d+/);
    expect(screen).toContain("exit status 5");
  });

  it("logs -f receives lines as the container writes them", async () => {
    const { text, stop } = await streamUntil(["logs", "-f", "-n", "demo", "nginx", "--tail=1"], /(GET .*\n.*){2}/, 20_000);
    stop();
    expect(text).toMatch(/"GET \/\S* HTTP\/1\.1" \d{3}/);
  });

  it("keeps the previous run's log of the crash-looping pod", async () => {
    await waitFor(
      "crashy to restart",
      async () => {
        const p = await json(["get", "pod", "-n", "demo", "crashy"]);
        return p.status.containerStatuses?.[0]?.restartCount >= 1 ? true : undefined;
      },
      90_000,
    );
    const pod = await json(["get", "pod", "-n", "demo", "crashy"]);
    expect(pod.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    const previous = await kubectl(["logs", "-n", "demo", "crashy", "--previous"]);
    expect(previous).toContain("FATAL giving up after 3 attempts");
    const status = await kubectl(["get", "pod", "-n", "demo", "crashy", "--no-headers"]);
    expect(status).toMatch(/CrashLoopBackOff|Running/);
  });

  it("attach streams the container's output", async () => {
    const { stop } = await streamUntil(["attach", "-n", "demo", "nginx", "-c", "nginx"], /GET /, 20_000);
    stop();
  });

  it("port-forward reaches a web page through the API server", async () => {
    for (const target of ["pod/nginx", "svc/nginx-svc"]) {
      const port = target.startsWith("svc") ? "8080" : "80";
      const { text, stop } = await streamUntil(["port-forward", "-n", "demo", target, `:${port}`], /Forwarding from 127\.0\.0\.1:(\d+)/);
      try {
        const local = /127\.0\.0\.1:(\d+)/.exec(text)![1];
        const body = await (await fetch(`http://127.0.0.1:${local}/`)).text();
        expect(body).toContain("Welcome to the Kubedeck practice cluster");
      } finally {
        stop();
      }
    }
  });
});

describe("storage", () => {
  it("binds the seeded claim to a pre-created volume and provisions the StatefulSet's claims", async () => {
    const pvc = await json(["get", "pvc", "-n", "demo", "data-pvc"]);
    expect(pvc.status.phase).toBe("Bound");
    expect(pvc.spec.volumeName).toMatch(/^sandbox-pv-/);
    const claims = await waitFor("the StatefulSet's claims to bind", async () => {
      const items = (await json(["get", "pvc", "-n", "demo", "-l", "app=web"])).items;
      return items.length === 3 && items.every((c: { status: { phase: string } }) => c.status.phase === "Bound") ? items : undefined;
    });
    const pv = await json(["get", "pv", claims[0].spec.volumeName]);
    expect(pv.metadata.annotations["pv.kubernetes.io/provisioned-by"]).toBe("sandbox.kubedeck.dev/hostpath");
    const sc = await json(["get", "storageclass", "standard"]);
    expect(sc.metadata.annotations["storageclass.kubernetes.io/is-default-class"]).toBe("true");
  });

  it("deletes a provisioned volume with its claim", async () => {
    const claim = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "scratch-claim", namespace: "default" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "3Gi" } } },
    };
    await kubectl(["apply", "-f", "-"], { input: JSON.stringify(claim) });
    await kubectl(["wait", "-n", "default", "--for=jsonpath={.status.phase}=Bound", "pvc/scratch-claim", "--timeout=60s"]);
    const volume = (await json(["get", "pvc", "-n", "default", "scratch-claim"])).spec.volumeName;
    expect((await json(["get", "pv", volume])).spec.capacity.storage).toBe("3Gi");
    await kubectl(["delete", "pvc", "-n", "default", "scratch-claim", "--wait=true"]);
    await kubectl(["wait", "--for=delete", `pv/${volume}`, "--timeout=60s"]);
  });
});

describe("access", () => {
  it("lets sandbox-viewer read pods in demo, but not Secrets there nor anything in shop", async () => {
    const pods = await kubectl(["get", "pods", "-n", "demo", "-o", "name"], { context: "sandbox-viewer" });
    expect(pods).toContain("pod/nginx");
    const secrets = await failure(kubectl(["get", "secrets", "-n", "demo"], { context: "sandbox-viewer" }));
    expect(secrets.stderr).toMatch(/Forbidden.*cannot list resource "secrets"/);
    const shop = await failure(kubectl(["get", "pods", "-n", "shop"], { context: "sandbox-viewer" }));
    expect(shop.stderr).toMatch(/Forbidden.*cannot list resource "pods".*namespace "shop"/);
  });

  it("makes sandbox-broken fail with connection refused", async () => {
    const err = await failure(kubectl(["get", "namespaces", "--request-timeout=10s"], { context: "sandbox-broken" }));
    expect(err.stderr).toContain("connection refused");
  });
});

describe("helm and metrics", () => {
  it("shows the seeded release with two revisions", async () => {
    const history = JSON.parse(await run(bins.helm, ["history", "storefront", "-n", "shop", "-o", "json"], { env: { ...helmEnv(), KUBECONFIG: kubeconfig } }));
    expect(history.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [1, "superseded"],
      [2, "deployed"],
    ]);
    const secrets = await kubectl(["get", "secrets", "-n", "shop", "-l", "owner=helm,name=storefront", "-o", "name"]);
    expect(secrets.trim().split("\n")).toHaveLength(2);
  });

  it("answers kubectl top for pods and nodes", { timeout: 240_000 }, async () => {
    // metrics-server needs a scrape or two after start, and reaches each node at its own
    // moment: wait until every row looked for is there; until then top says what it has.
    const top = (what: string[], rows: RegExp[]) => async () => {
      const out = await kubectl(["top", ...what, "--no-headers"]);
      if (!rows.every((r) => r.test(out))) throw new Error(`kubectl top ${what.join(" ")} printed:\n${out}`);
      return out;
    };
    const pods = await waitFor("pod metrics", top(["pods", "-n", "demo"], [/^nginx\s+\d+m\s+\d+Mi/m, /^myapp\s+\d+m\s+\d+Mi/m]), 150_000);
    expect(pods).toMatch(/^myapp\s+\d+m\s+\d+Mi/m);
    const nodes = await waitFor("node metrics", top(["nodes"], [/^sandbox-worker-1\s+\d+m\s+\d+%/m, /^sandbox-worker-2\s/m]), 60_000);
    expect(nodes).toContain("sandbox-worker-2");
  });
});

describe("the command line", () => {
  it("seeds a second time without changing what is there", async () => {
    const cli = (args: string[]) => run(process.execPath, ["e2e/sandbox/cli.ts", ...args]);
    const revision = () =>
      kubectl(["get", "deployment", "-n", "demo", "nginx-deployment", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"]);
    const nginxUid = (await json(["get", "pod", "-n", "demo", "nginx"])).metadata.uid;
    expect(await revision()).toBe("3");
    await cli(["seed"]);
    expect(await revision()).toBe("3");
    expect((await json(["get", "pod", "-n", "demo", "nginx"])).metadata.uid).toBe(nginxUid);
    const history = JSON.parse(await run(bins.helm, ["history", "storefront", "-n", "shop", "-o", "json"], { env: { ...helmEnv(), KUBECONFIG: kubeconfig } }));
    expect(history).toHaveLength(2);
  });

  it("up again is harmless, and kubeconfig prints only the path", async () => {
    const cli = (args: string[]) => run(process.execPath, ["e2e/sandbox/cli.ts", ...args]);
    const before = (await json(["get", "pod", "-n", "demo", "nginx"])).metadata.uid;
    expect((await cli(["up"])).trim()).toBe(kubeconfig);
    expect((await cli(["kubeconfig"])).trim()).toBe(kubeconfig);
    expect(await cli(["status"])).toMatch(/running[\s\S]*sandbox-worker-1\s+Ready/);
    expect((await json(["get", "pod", "-n", "demo", "nginx"])).metadata.uid).toBe(before);
  });
});
