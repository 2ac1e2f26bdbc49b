// A shell in the flood pod that the bench opens itself, with client-node straight to the API
// server: no Kubedeck, no browser. Its keystrokes are timed one by one beside the app's, so
// each pair meets the same moment of the cluster. Its echo is the cluster's own part of
// the app's (the API server, kwok's exec and the shell). When both are slow at once, an
// echo p95 over the target says more about the co-located cluster than about the app.
import { PassThrough, Writable } from "node:stream";
import { Exec, KubeConfig } from "@kubernetes/client-node";

export interface DirectShell {
  /** Types one "a"; resolves with ms until the shell's next output, or null after `timeoutMs`. */
  echo(timeoutMs: number): Promise<number | null>;
  close(): void;
}

export async function openDirectShell(kubeconfig: string, context: string, namespace: string, pod: string, container: string): Promise<DirectShell> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  kc.setCurrentContext(context);
  const stdin = new PassThrough();
  let output: (() => void) | undefined;
  const stdout = new Writable({
    write(_chunk, _encoding, done) {
      const seen = output;
      output = undefined;
      seen?.();
      done();
    },
  });
  const nextOutput = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        output = undefined;
        resolve(false);
      }, timeoutMs);
      output = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  const prompt = nextOutput(30_000);
  const socket = await new Exec(kc).exec(namespace, pod, container, ["bash"], stdout, stdout, stdin, true);
  // A socket that fails or closes ends the shell's figures (each echo then says null at once), not the bench.
  let open = true;
  const ended = () => {
    open = false;
    output?.();
  };
  socket.on("error", ended);
  socket.on("close", ended);
  if (!(await prompt) || !open) {
    socket.close();
    throw new Error(`no prompt from a shell in ${namespace}/${pod} within 30 s`);
  }
  // What the prompt still prints (a second line, a cursor query) must not count as an echo.
  while (open && (await nextOutput(300)));
  return {
    async echo(timeoutMs) {
      if (!open) return null;
      const seen = nextOutput(timeoutMs);
      const t0 = performance.now();
      stdin.write("a");
      return (await seen) && open ? performance.now() - t0 : null;
    },
    close() {
      stdin.end();
      socket.close();
    },
  };
}
