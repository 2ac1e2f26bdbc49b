import { describe, expect, it } from "vitest";
import { podColumns, type ContainerStatus, type PodLike } from "./pod-status.ts";

const now = Date.parse("2026-11-27T12:00:00Z");
const running = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: "2026-11-27T11:00:00Z" } },
  ...extra,
});
const pod = (p: PodLike): PodLike => ({ spec: { containers: [{ name: "app" }] }, ...p });

describe("podColumns (kubectl's printPod rules)", () => {
  it("shows a running pod as Running 1/1", () => {
    expect(podColumns(pod({ status: { phase: "Running", containerStatuses: [running("app")] } }), now)).toMatchObject({
      ready: "1/1",
      status: "Running",
      restartsText: "0",
    });
  });

  it("shows a crash loop with its restarts and when the last one was", () => {
    const c = podColumns(
      pod({
        status: {
          phase: "Running",
          containerStatuses: [
            {
              name: "app",
              ready: false,
              restartCount: 5,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: "2026-11-27T11:58:00Z" } },
            },
          ],
        },
      }),
      now,
    );
    expect(c).toMatchObject({ ready: "0/1", status: "CrashLoopBackOff", restarts: 5, restartsText: "5 (2m ago)" });
  });

  it("counts init containers: Init:N/M while they run, Init:<reason> when one fails", () => {
    const spec = { containers: [{ name: "app" }], initContainers: [{ name: "a" }, { name: "b" }] };
    const waiting = { name: "app", state: { waiting: { reason: "PodInitializing" } } };
    expect(
      podColumns(
        {
          spec,
          status: {
            phase: "Pending",
            initContainerStatuses: [running("a", { ready: false }), { name: "b", state: { waiting: { reason: "PodInitializing" } } }],
            containerStatuses: [waiting],
          },
        },
        now,
      ).status,
    ).toBe("Init:0/2");
    expect(
      podColumns(
        {
          spec,
          status: {
            phase: "Pending",
            initContainerStatuses: [{ name: "a", state: { terminated: { exitCode: 0, reason: "Completed" } } }, running("b", { ready: false })],
            containerStatuses: [waiting],
          },
        },
        now,
      ).status,
    ).toBe("Init:1/2");
    expect(
      podColumns(
        {
          spec,
          status: {
            phase: "Pending",
            initContainerStatuses: [{ name: "a", state: { terminated: { exitCode: 3, reason: "Error" } } }],
            containerStatuses: [waiting],
          },
        },
        now,
      ).status,
    ).toBe("Init:Error");
    expect(
      podColumns(
        { spec, status: { phase: "Pending", initContainerStatuses: [{ name: "a", state: { terminated: { exitCode: 3 } } }], containerStatuses: [waiting] } },
        now,
      ).status,
    ).toBe("Init:ExitCode:3");
    expect(
      podColumns(
        {
          spec,
          status: {
            phase: "Pending",
            initContainerStatuses: [{ name: "a", state: { waiting: { reason: "CrashLoopBackOff" } } }],
            containerStatuses: [waiting],
          },
        },
        now,
      ).status,
    ).toBe("Init:CrashLoopBackOff");
  });

  it("counts a started sidecar (restartable init container) in READY and does not block on it", () => {
    const c = podColumns(
      {
        spec: { containers: [{ name: "app" }], initContainers: [{ name: "proxy", restartPolicy: "Always" }] },
        status: {
          phase: "Running",
          conditions: [{ type: "Initialized", status: "True" }],
          initContainerStatuses: [running("proxy", { restartCount: 2 })],
          containerStatuses: [running("app")],
        },
      },
      now,
    );
    expect(c).toMatchObject({ ready: "2/2", status: "Running", restarts: 2 });
  });

  it("says Completed, or the error of a failed container", () => {
    const done = (exitCode: number, reason?: string) =>
      pod({ status: { phase: exitCode ? "Failed" : "Succeeded", containerStatuses: [{ name: "app", state: { terminated: { exitCode, reason } } }] } });
    expect(podColumns(done(0, "Completed"), now)).toMatchObject({ ready: "0/1", status: "Completed" });
    expect(podColumns(done(2, "Error"), now).status).toBe("Error");
    expect(podColumns(done(137), now).status).toBe("ExitCode:137");
  });

  it("turns Completed back into Running or NotReady while another container still runs", () => {
    const twoContainers = (ready: boolean): PodLike => ({
      spec: { containers: [{ name: "app" }, { name: "job" }] },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
        containerStatuses: [running("app"), { name: "job", state: { terminated: { exitCode: 0, reason: "Completed" } } }],
      },
    });
    expect(podColumns(twoContainers(true), now).status).toBe("Running");
    expect(podColumns(twoContainers(false), now).status).toBe("NotReady");
  });

  it("says Terminating for a pod being deleted, Unknown when its node is lost, and keeps terminal phases", () => {
    const deleting = { deletionTimestamp: "2026-11-27T11:59:00Z" };
    expect(podColumns(pod({ metadata: deleting, status: { phase: "Running", containerStatuses: [running("app")] } }), now).status).toBe("Terminating");
    expect(podColumns(pod({ metadata: deleting, status: { phase: "Running", reason: "NodeLost" } }), now).status).toBe("Unknown");
    expect(
      podColumns(
        pod({
          metadata: deleting,
          status: { phase: "Succeeded", containerStatuses: [{ name: "app", state: { terminated: { exitCode: 0, reason: "Completed" } } }] },
        }),
        now,
      ).status,
    ).toBe("Completed");
  });

  it("shows Pending pods by phase or waiting reason, and scheduling gates", () => {
    expect(podColumns(pod({ status: { phase: "Pending" } }), now).status).toBe("Pending");
    expect(
      podColumns(pod({ status: { phase: "Pending", containerStatuses: [{ name: "app", state: { waiting: { reason: "ContainerCreating" } } }] } }), now).status,
    ).toBe("ContainerCreating");
    expect(
      podColumns(pod({ status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] } }), now).status,
    ).toBe("SchedulingGated");
  });
});
