import { describe, expect, it } from "vitest";
import { runPod, type RunPodInput } from "./run-pod.ts";

const base: RunPodInput = {
  name: "nginx",
  namespace: "demo",
  image: "nginx:1.27",
  ports: "",
  labels: "",
  env: "",
  argv: [],
  command: false,
  restartPolicy: "Always",
};

describe("kubectl run as a form", () => {
  it("makes the pod kubectl run nginx --image=nginx:1.27 makes: labelled run=nginx, its container named after it", () => {
    expect(runPod(base)).toEqual({
      ok: true,
      pod: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "nginx", namespace: "demo", labels: { run: "nginx" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.27" }], restartPolicy: "Always" },
      },
    });
  });

  it("ports, labels, env, and the words after -- as args or, with --command, as the command", () => {
    const r = runPod({
      ...base,
      ports: "80, 443",
      labels: "app=web tier=front",
      env: "MODE=prod\nEMPTY=",
      argv: ["sh", "-c", "echo hi"],
      command: true,
      restartPolicy: "Never",
    });
    expect(r.ok && r.pod.metadata?.labels).toEqual({ app: "web", tier: "front" });
    expect(r.ok && r.pod.spec?.containers[0]).toEqual({
      name: "nginx",
      image: "nginx:1.27",
      ports: [{ containerPort: 80 }, { containerPort: 443 }],
      env: [
        { name: "MODE", value: "prod" },
        { name: "EMPTY", value: "" },
      ],
      command: ["sh", "-c", "echo hi"],
    });
    expect(r.ok && r.pod.spec?.restartPolicy).toBe("Never");
    const args = runPod({ ...base, argv: ["--port", "8080"] });
    expect(args.ok && args.pod.spec?.containers[0].args).toEqual(["--port", "8080"]);
  });

  it("names the field and the rule an input breaks", () => {
    expect(runPod({ ...base, name: "Nginx" })).toMatchObject({ ok: false, field: "name" });
    expect(runPod({ ...base, image: "nginx 1.27" })).toMatchObject({ ok: false, field: "image" });
    expect(runPod({ ...base, ports: "80 http" })).toMatchObject({ ok: false, field: "ports", error: '"http" is not a port (1 to 65535)' });
    expect(runPod({ ...base, labels: "app=-bad" })).toMatchObject({ ok: false, field: "labels" });
    expect(runPod({ ...base, env: "1=x=" })).toMatchObject({ ok: true });
    expect(runPod({ ...base, env: "NO_VALUE" })).toMatchObject({ ok: false, field: "env" });
  });
});
