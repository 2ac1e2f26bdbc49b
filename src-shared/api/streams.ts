// What both sides need to know of some streams at run time, kept apart from the contract's
// schemas so that the renderer's first chunk does not carry them.
import type { StreamName } from "./contract.ts";

/** Streams whose events or inputs carry bytes: only their messages are looked through for them (wire.ts). */
export const bytesStreams: ReadonlySet<StreamName> = new Set<StreamName>(["diagnostics.echo", "pods.exec"]);

/** The byte at `offset` of what `diagnostics.echo` produces: a pattern, so that the reader can check every byte. */
export const echoByte = (offset: number): number => offset % 251;
