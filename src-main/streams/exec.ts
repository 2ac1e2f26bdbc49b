// Terminals in containers (DESIGN §6): client-node's Exec and Attach over the API server's
// WebSocket (it offers v5.channel.k8s.io first, the only protocol that can close stdin), with
// no kubectl and no local pty. Keystrokes and resizes arrive as stream input; what the
// container prints goes out as bytes, the WebSocket paused while the renderer is behind. The
// API server's Status ends the stream with the exit code, from its cause `ExitCode` or, where
// a cluster says it only in words (kwok: "… exit status 3"), from the message. A ping every
// 30 s keeps an idle session open through proxies and notices a dead connection. A session
// can move to another window (exec-handoff.ts).
import { PassThrough, Writable } from "node:stream";
import { Attach, Exec, type KubeConfig, type V1Status } from "@kubernetes/client-node";
import type WebSocket from "ws";
import type { StreamArgs, StreamEvents, StreamInput, StreamResults } from "../../src-shared/api/contract.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { describeObject, resourcePath } from "../../src-shared/api/refs.ts";
import { allContainerStatuses } from "../../src-shared/k8s/pod-details.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { StreamSink } from "../api/stream-sink.ts";
import type { Connections } from "../kube/connections.ts";
import { toApiError } from "../kube/errors.ts";
import { getJson } from "../kube/raw.ts";
import { handleFor, park, Relay, resume } from "./exec-handoff.ts";

type Args = StreamArgs<"pods.exec">;
type Sink = StreamSink<StreamEvents["pods.exec"], StreamResults["pods.exec"]>;

/** Shells tried in turn when no command is given: the first one the container has is used. */
export const shells = [["bash"], ["ash"], ["sh"]];
const pingMs = 30_000;
/** How long after its Status an exec's socket may stay open before the session is ended anyway. */
const closeWaitMs = 2_000;
/** How long attach waits for a container to start (a debug pod pulling its image). */
const startWaitMs = 120_000;

/** The exit code a Status carries: its ExitCode cause, else "exit status N"/"exit code N" in its message. */
export function exitCodeOf(status: V1Status): number | null {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode")?.message;
  if (cause && /^\d+$/.test(cause)) return Number(cause);
  const said = /exit (?:status|code) (\d+)/i.exec(status.message ?? "")?.[1];
  return said ? Number(said) : null;
}

/** A Status saying the command itself is not there (so the next shell is worth trying). */
const notFound = (status: V1Status) =>
  status.status !== "Success" && /not found|no such file|executable file|cannot run|exec format/i.test(status.message ?? "");

/** The WebSocket's refusal as the contract's error: an upgrade answered 403 is Forbidden, and so on. */
function connectError(e: unknown, what: string): ApiError {
  const status = /Unexpected server response: (\d+)/.exec((e as Error)?.message ?? "")?.[1];
  // The WebSocket library keeps the refusal's body to itself: say what the refusal means instead.
  const said: Record<string, string> = {
    "403": "the API server refused the connection: this needs permission to create pods/exec (or pods/attach) here",
    "401": "the API server did not accept the credentials",
    "404": "the pod or its container is not there",
  };
  if (status) return toApiError({ code: Number(status), body: JSON.stringify({ message: said[status] ?? (e as Error).message }) }, what);
  return toApiError(e, what);
}

interface Session {
  ws: WebSocket;
  stdin: PassThrough;
  /** Resizes go out through the stdout stream, as client-node reads them. */
  resize(cols: number, rows: number): void;
}

export function startExec(connections: Connections, args: Args, stream: Sink) {
  if (args.resume) return resume(args, stream);
  // The session writes into a relay: the stream showing it can change (a terminal moved to its own window).
  const sink = new Relay(stream);
  const kc: KubeConfig = connections.config(args.context);
  const what = `${args.mode === "attach" ? "attaching to" : "running a command in"} ${describeObject({ ...args, resource: "pods" })}, container "${args.container}"`;
  let session: Session | undefined;
  let stopped = false;
  let ping: NodeJS.Timeout | undefined;
  let size = args.size ?? { cols: 80, rows: 24 };
  /** Keystrokes typed before the session is open (or between two shells tried): sent once it is. */
  const pending: (Buffer | "eof")[] = [];

  /** Opens one WebSocket; resolves with its Status (exec) or undefined when it closed without one (attach, a dropped connection). */
  async function open(command: string[]): Promise<{ status?: V1Status; printed: boolean }> {
    let printed = false;
    let status: V1Status | undefined;
    let ended: (r: { status?: V1Status; printed: boolean }) => void = () => {};
    const done = new Promise<{ status?: V1Status; printed: boolean }>((r) => (ended = r));
    // What the container prints: into the sink, and the socket paused while the reader is behind.
    const stdout = Object.assign(
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          printed = true;
          if (!sink.write({ data: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) })) session?.ws.pause();
          cb();
        },
      }),
      { rows: size.rows, columns: size.cols },
    );
    const stdin = new PassThrough();
    let ws: WebSocket;
    try {
      if (args.mode === "attach") {
        ws = (await new Attach(kc).attach(
          args.namespace!,
          args.name,
          args.container,
          stdout,
          args.tty ? null : stdout,
          stdin,
          args.tty,
        )) as unknown as WebSocket;
      } else {
        // Output and Status come on separate channels: the session ends when the socket closes (every
        // byte sent before it delivered), with the Status kept until then.
        ws = (await new Exec(kc).exec(args.namespace!, args.name, args.container, command, stdout, args.tty ? null : stdout, stdin, args.tty, (s) => {
          status = s;
          // A socket that stays open after its Status is not waited for long.
          setTimeout(() => ended({ status, printed }), closeWaitMs).unref();
        })) as unknown as WebSocket;
      }
    } catch (e) {
      throw connectError(e, what);
    }
    session = {
      ws,
      stdin,
      resize(cols, rows) {
        Object.assign(stdout, { rows, columns: cols });
        stdout.emit("resize");
      },
    };
    ws.on("close", () => ended({ status, printed }));
    ws.on("error", () => ended({ status, printed }));
    // A pong not back by the next ping: the connection is dead, and the user is told.
    let alive = true;
    ws.on("pong", () => (alive = true));
    clearInterval(ping);
    ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, pingMs);
    for (const p of pending.splice(0))
      if (p === "eof") stdin.end();
      else stdin.write(p);
    if (stopped) ws.close();
    return done;
  }

  /** Attach needs a running process: a container just created (a debugger) is waited for, and the wait said. */
  async function waitForRunning(): Promise<void> {
    const deadline = Date.now() + startWaitMs;
    for (;;) {
      const pod = await getJson<K8sObject>(kc, resourcePath({ ...args, resource: "pods" }));
      const statuses = allContainerStatuses(pod);
      const state = statuses.find((c) => c.name === args.container)?.state;
      if (state?.running) return;
      if (state?.terminated)
        throw new ApiError({
          code: "Invalid",
          message: `${what}: the container has ended (${state.terminated.reason ?? `exit code ${state.terminated.exitCode}`})`,
        });
      const reason = state?.waiting?.reason ?? (statuses.length ? "not started yet" : (pod.status?.phase ?? "Pending"));
      if (Date.now() > deadline)
        throw new ApiError({ code: "Timeout", message: `${what}: the container did not start within ${startWaitMs / 1000} s (${reason})` });
      sink.write({ waiting: reason });
      await new Promise((r) => setTimeout(r, 1_000));
      if (stopped) return;
    }
  }

  void (async () => {
    try {
      if (args.mode === "attach") await waitForRunning();
      const candidates = args.mode === "exec" && !args.command.length ? shells : [args.command];
      for (const [i, command] of candidates.entries()) {
        if (stopped) return;
        if (args.mode === "exec") sink.write({ started: command });
        else sink.write({ started: [] });
        const { status, printed } = await open(command);
        clearInterval(ping);
        session = undefined;
        if (stopped) return;
        // The shell is not there: the next one, unless it was the last.
        if (status && !printed && notFound(status) && i < candidates.length - 1) continue;
        if (status) return sink.end({ code: exitCodeOf(status), message: status.status === "Success" ? undefined : status.message });
        if (args.mode === "attach") return sink.end({ code: null, message: "the container's console closed" });
        return sink.fail(new ApiError({ code: "Unreachable", message: `${what}: the connection to the API server closed` }));
      }
    } catch (e) {
      if (!stopped) sink.fail(e instanceof ApiError ? e : toApiError(e, what));
    }
  })();

  const drained = sink.onDrain(() => session?.ws.resume());
  const kill = () => {
    stopped = true;
    drained();
    clearInterval(ping);
    session?.ws.close();
  };
  const input = (i: StreamInput<"pods.exec">) => {
    if (i.detach) park({ relay: sink, args, kill, input }, i.detach.screen);
    else if (i.resize) {
      size = i.resize;
      session?.resize(i.resize.cols, i.resize.rows);
    } else {
      const bytes = i.data ? Buffer.from(i.data.buffer, i.data.byteOffset, i.data.byteLength) : ("eof" as const);
      if (!session) pending.push(bytes);
      else if (bytes === "eof") session.stdin.end();
      else session.stdin.write(bytes);
    }
  };
  return handleFor(sink, sink.generation, kill, input);
}
