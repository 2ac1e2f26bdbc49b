// Contexts whose connection the renderer asked for and main has not answered yet. Main says
// "connecting" only once the call has reached it, 50-100 ms later on a busy machine; until
// then such a context showed as not connected, with its Connect button, and a list opened by
// its address first drew that overview, only to replace it with the list a moment later.
import type { ConnectionState } from "../../src-shared/api/types.ts";

/** Replaced, never changed in place: useSyncExternalStore sees a change by its identity. */
let current: readonly string[] = [];
const listeners = new Set<() => void>();

export const isAsked = (context: string) => current.includes(context);

/** Notes that a connection to `context` was asked for (`pending`), or has been answered. */
export function markAsked(context: string, pending: boolean) {
  if (pending === isAsked(context)) return;
  current = pending ? [...current, context] : current.filter((c) => c !== context);
  for (const l of listeners) l();
}

/** For useSyncExternalStore: `askedNow` stays the same array until a context is marked or unmarked. */
export function subscribeAsked(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
export const askedNow = (): readonly string[] => current;

/**
 * Main's connection states, with each context asked for shown as connecting until main answers
 * the call: one main has not named yet, and one that failed before (Try again): main's
 * "connecting" for the new attempt, and its outcome, come right before the call's answer.
 */
export function withAsked(states: ConnectionState[], pending: readonly string[]): ConnectionState[] {
  if (!pending.length) return states;
  const connecting = (context: string): ConnectionState => ({ context, status: "connecting" });
  const shown = states.map((s) => (s.status === "error" && pending.includes(s.context) ? connecting(s.context) : s));
  const unnamed = pending.filter((context) => !states.some((s) => s.context === context));
  return [...shown, ...unnamed.map(connecting)];
}
