// The helm commands Kubedeck runs, as data: main builds the arguments from these (the renderer
// never sends arguments), and the dialogs show the very command before it runs.
import { z } from "zod";

const name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a release name is lower-case letters, digits, '-' and '.'")
  .max(53);
const namespace = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);
/** A Go duration as helm takes it: 30s, 5m, 1h30m. */
const duration = z
  .string()
  .regex(/^(\d+h)?(\d+m)?(\d+s)?$/, "a duration such as 90s, 5m or 1h")
  .refine((s) => s.length > 0, "a duration such as 90s, 5m or 1h");

export const helmCommandSchema = z.discriminatedUnion("command", [
  z
    .object({
      command: z.literal("rollback"),
      release: name,
      namespace,
      revision: z.number().int().min(1),
      /** Wait until what the revision deploys is ready (helm's watcher), up to `timeout`. */
      wait: z.boolean(),
      timeout: duration.optional(),
      /** Delete what a failed rollback created. */
      cleanupOnFail: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      command: z.literal("uninstall"),
      release: name,
      namespace,
      /** Mark the release uninstalled but keep its revisions (a later rollback can bring it back). */
      keepHistory: z.boolean(),
      wait: z.boolean(),
      timeout: duration.optional(),
    })
    .strict(),
]);

export type HelmCommand = z.infer<typeof helmCommandSchema>;

/** helm's arguments for a command (the kubeconfig and colour are main's to add). */
export function helmArgs(c: HelmCommand): string[] {
  const waiting = (wait: boolean, timeout?: string) => [...(wait ? ["--wait=watcher"] : []), ...(timeout ? ["--timeout", timeout] : [])];
  switch (c.command) {
    case "rollback":
      return [
        "rollback",
        c.release,
        String(c.revision),
        "--namespace",
        c.namespace,
        ...waiting(c.wait, c.timeout),
        ...(c.cleanupOnFail ? ["--cleanup-on-fail"] : []),
      ];
    case "uninstall":
      return ["uninstall", c.release, "--namespace", c.namespace, ...(c.keepHistory ? ["--keep-history"] : []), ...waiting(c.wait, c.timeout)];
  }
}

/** The command as a person would type it. */
export const helmCommandLine = (c: HelmCommand) => ["helm", ...helmArgs(c)].join(" ");
