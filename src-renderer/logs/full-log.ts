// "Download → the full log from the server": the whole log read again (no tail, not followed),
// straight into the parts of a Blob, never into the viewer's ring. One container's log comes
// from `pods.logs`; every container of a pod or a workload from `workloads.logs` without
// follow, which main sorts by time once all are read; each line then carries its source in
// front, as `kubectl logs --prefix` writes it. Colour escapes are taken out, as the loaded lines'
// download does.
import type { ApiError } from "../../src-shared/api/errors.ts";
import { subscribeLogs, subscribeWorkloadLogs } from "../api/index.ts";
import type { LogSource } from "./LogViewer.tsx";
import { stripAnsi } from "./log-buffer.ts";
import { mergedScope, mergedTag } from "./merged-source.ts";

export interface FullLogOptions {
  /** One container, or "" for all of them (a workload is always all). */
  container: string;
  previous: boolean;
  timestamps: boolean;
}

export interface FullLog {
  blob: Blob;
  lines: number;
  /** Sources that could not be read (the rest of the file is still whole). */
  failures: string[];
}

export function fetchFullLog(source: LogSource, o: FullLogOptions, onProgress: (lines: number) => void): { done: Promise<FullLog>; cancel(): void } {
  const parts: string[] = [];
  const failures: string[] = [];
  let lines = 0;
  const add = (texts: string[]) => {
    if (!texts.length) return;
    parts.push(texts.map(stripAnsi).join("\n") + "\n");
    lines += texts.length;
    onProgress(lines);
  };
  let stop = () => {};
  const done = new Promise<FullLog>((resolve, reject) => {
    const finish = () => resolve({ blob: new Blob(parts, { type: "text/plain" }), lines, failures });
    const fail = (e: ApiError) => reject(e);
    // Flow control pauses main rather than skipping these lines; a skip would make the file wrong, so it fails.
    const skipped = (n: number) => reject(new Error(`${n} lines were skipped on the way`));
    if (source.kind === "pod" && o.container) {
      stop = subscribeLogs(
        { ...source.pod, container: o.container, follow: false, previous: o.previous, timestamps: o.timestamps },
        { onEvent: (e) => "lines" in e && add(e.lines), onEnd: finish, onError: fail, onSkipped: skipped },
      ).stop;
      return;
    }
    const tags = new Map<number, string>();
    stop = subscribeWorkloadLogs(
      { ...mergedScope(source), timestamps: o.timestamps, follow: false },
      {
        onEvent(e) {
          if ("sources" in e) for (const x of e.sources) tags.set(x.index, mergedTag(source, x));
          else if ("lines" in e) add(e.lines.map(([i, text]) => `[${tags.get(i) ?? "?"}] ${text}`));
          else if ("failed" in e) failures.push(`${tags.get(e.failed.index) ?? "?"}: ${e.failed.message}`);
        },
        onEnd: finish,
        onError: fail,
        onSkipped: skipped,
      },
    ).stop;
  });
  return { done, cancel: () => stop() };
}
