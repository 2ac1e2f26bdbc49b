// Query keys of the renderer's cache: one place, so that streams and readers agree.
export const keys = {
  settings: ["settings"] as const,
  contexts: ["contexts"] as const,
  connections: ["connections"] as const,
  namespaces: (context: string) => ["namespaces", context] as const,
};
