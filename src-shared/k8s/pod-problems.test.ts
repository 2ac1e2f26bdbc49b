import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { exitMeaning, parseSchedulerMessage, podProblems, pullCause } from "./pod-problems.ts";

describe("parseSchedulerMessage", () => {
  it("takes today's scheduler message apart, preemption included", () => {
    expect(
      parseSchedulerMessage(
        "0/5 nodes are available: 2 node(s) had untolerated taint(s), 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.",
      ),
    ).toEqual({
      available: 0,
      total: 5,
      reasons: [
        { count: 2, kind: "taint", text: "had untolerated taint(s)" },
        { count: 3, kind: "selector", text: "didn't match Pod's node affinity/selector" },
      ],
      preemption: "notHelpful",
    });
  });

  it("reads older and other reasons: a named taint (commas in braces), resources, pod affinity, spread, volumes", () => {
    const m = parseSchedulerMessage(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 1 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
    expect(m?.reasons.map((r) => [r.count, r.kind, r.resource])).toEqual([
      [1, "taint", undefined],
      [2, "insufficient", "cpu"],
      [1, "podAntiAffinity", undefined],
    ]);
    expect(m?.reasons[0].text).toBe("had untolerated taint {node-role.kubernetes.io/control-plane: }");
    expect(parseSchedulerMessage("0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints.")?.reasons[0].kind).toBe("spread");
    expect(parseSchedulerMessage("0/3 nodes are available: 3 node(s) were unschedulable.")?.reasons[0].kind).toBe("unschedulable");
    expect(parseSchedulerMessage("0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 Preemption is possible.")).toMatchObject({
      reasons: [{ count: 2, kind: "tooManyPods" }],
      preemption: "possible",
    });
    expect(parseSchedulerMessage("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: x")?.reasons).toEqual([
      { count: 3, kind: "volumeBinding", text: "pod has unbound immediate PersistentVolumeClaims" },
    ]);
    expect(parseSchedulerMessage("0/2 nodes are available: 2 node(s) had volume node affinity conflict.")?.reasons[0].kind).toBe("volumeNodeAffinity");
    expect(parseSchedulerMessage("0/2 nodes are available: 2 node(s) did something new.")?.reasons[0]).toEqual({
      count: 2,
      kind: "other",
      text: "did something new",
    });
  });

  it("is not fooled by another message", () => {
    expect(parseSchedulerMessage("running PreBind plugin VolumeBinding: binding volumes: timed out")).toBeUndefined();
    expect(parseSchedulerMessage("")).toBeUndefined();
  });
});

describe("exitMeaning and pullCause", () => {
  it("reads exit codes as shells and the kubelet write them", () => {
    expect(exitMeaning(0).kind).toBe("ok");
    expect(exitMeaning(1).kind).toBe("error");
    expect(exitMeaning(2).kind).toBe("misuse");
    expect(exitMeaning(126).kind).toBe("cannotExecute");
    expect(exitMeaning(127).kind).toBe("notFound");
    expect(exitMeaning(137)).toEqual({ code: 137, kind: "signal", signal: "SIGKILL" });
    expect(exitMeaning(143).signal).toBe("SIGTERM");
    expect(exitMeaning(139).signal).toBe("SIGSEGV");
    expect(exitMeaning(255).kind).toBe("error");
  });

  it("tells why an image did not pull from the runtime's words", () => {
    expect(pullCause("ErrImagePull", 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.999": not found')).toBe(
      "notFound",
    );
    expect(pullCause("ErrImagePull", "manifest unknown: manifest unknown")).toBe("notFound");
    expect(
      pullCause(
        "ImagePullBackOff",
        "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
      ),
    ).toBe("unauthorized");
    expect(pullCause("ErrImagePull", "failed to resolve reference: unexpected status: 401 Unauthorized")).toBe("unauthorized");
    expect(pullCause("ErrImagePull", "dial tcp: lookup registry.invalid: no such host")).toBe("unreachable");
    expect(pullCause("InvalidImageName", "couldn't parse image reference")).toBe("invalidName");
    expect(pullCause("ErrImageNeverPull", "")).toBe("neverPull");
    expect(pullCause("ErrImagePull", "something else")).toBe("unknown");
  });
});

describe("podProblems", () => {
  const base = (status: Pod["status"], spec: Partial<Pod["spec"]> = {}): Pod => ({
    metadata: { name: "p" },
    spec: { containers: [{ name: "app", image: "app:1" }], ...spec },
    status,
  });

  it("finds none in a running or finished pod", () => {
    expect(
      podProblems(
        base({ phase: "Running", containerStatuses: [{ name: "app", image: "app:1", imageID: "", ready: true, restartCount: 0, state: { running: {} } }] }),
      ),
    ).toEqual([]);
    expect(podProblems(base({ phase: "Succeeded" }))).toEqual([]);
  });

  it("explains a pod the scheduler could not place, and only while it is not placed", () => {
    const unschedulable = {
      conditions: [
        {
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          lastTransitionTime: "2026-01-01T00:00:00Z",
          message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
        },
      ],
    };
    expect(podProblems(base(unschedulable))).toEqual([
      {
        type: "unschedulable",
        message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
        since: "2026-01-01T00:00:00Z",
        decoded: { available: 0, total: 3, reasons: [{ count: 3, kind: "selector", text: "didn't match Pod's node affinity/selector" }] },
      },
    ]);
    expect(podProblems(base(unschedulable, { nodeName: "n1" }))).toEqual([]);
  });

  it("explains a crash loop from the last run's end and the back-off", () => {
    const status = (state: object, restartCount: number) =>
      base({
        containerStatuses: [
          {
            name: "app",
            image: "app:1",
            imageID: "",
            ready: false,
            restartCount,
            state,
            lastState: { terminated: { exitCode: 137, reason: "OOMKilled", finishedAt: "2026-01-01T00:01:00Z" } },
          },
        ],
      });
    expect(podProblems(status({ waiting: { reason: "CrashLoopBackOff", message: "back-off 40s restarting failed container=app pod=p_ns(uid)" } }, 4))).toEqual([
      {
        type: "crashLoop",
        container: "app",
        restarts: 4,
        last: { exit: { code: 137, kind: "signal", signal: "SIGKILL" }, reason: "OOMKilled", finishedAt: "2026-01-01T00:01:00Z" },
        backOff: "40s",
      },
    ]);
    // Between two back-offs it runs again: still a problem, without a back-off to wait for.
    expect(podProblems(status({ running: {} }, 5))[0]).toMatchObject({ type: "crashLoop", restarts: 5 });
    expect(podProblems(status({ running: {} }, 5))[0]).not.toHaveProperty("backOff");
  });

  it("explains an image that does not pull and a container that cannot be created", () => {
    const waiting = (reason: string, message: string) =>
      base({ containerStatuses: [{ name: "app", image: "app:1", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason, message } } }] });
    expect(podProblems(waiting("ImagePullBackOff", 'Back-off pulling image "app:1": not found'))).toEqual([
      {
        type: "imagePull",
        container: "app",
        image: "app:1",
        reason: "ImagePullBackOff",
        message: 'Back-off pulling image "app:1": not found',
        cause: "notFound",
      },
    ]);
    expect(podProblems(waiting("CreateContainerConfigError", 'configmap "settings" not found'))[0]).toMatchObject({
      type: "config",
      missing: { kind: "ConfigMap", name: "settings" },
    });
    expect(podProblems(waiting("CreateContainerConfigError", "couldn't find key password in Secret demo/db-secret"))[0]).toMatchObject({
      missing: { kind: "Secret", name: "db-secret", key: "password" },
    });
  });
});
