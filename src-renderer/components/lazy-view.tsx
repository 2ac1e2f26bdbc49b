// A view whose code loads when first needed (DESIGN §2: the renderer grows by view), and can
// be fetched ahead (`preload`) once the app is idle. A view whose code has arrived renders
// at once: React.lazy would still suspend for a turn, and React holds back content revealed
// right after a fallback, which made opening a list visibly slower.
//
// A view still waiting for its code waits inside a Suspense of its own, showing `fallback`
// (nothing unless given) where it will be: left to the nearest boundary above, the first
// Create, Edit or journal opened hid the whole workspace while their code loaded.
import { lazy, Suspense, useState, type ComponentType, type JSX, type ReactNode } from "react";

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => (loading ??= load().then((c) => (loaded = c)));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  function View(props: P): JSX.Element {
    // Chosen once per mount: switching from Lazy to the loaded view later would remount it.
    const [Direct] = useState(() => loaded);
    return Direct ? (
      <Direct {...props} />
    ) : (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return { View, preload };
}

/**
 * Fetches views' code when the browser is idle, so that they are there when first opened.
 * No deadline: code parsed in the middle of a 10,000-row list arriving would slow the list.
 */
export function preloadWhenIdle(...preloads: (() => Promise<unknown>)[]): () => void {
  const idle = requestIdleCallback(() => preloads.forEach((p) => void p()));
  return () => cancelIdleCallback(idle);
}
