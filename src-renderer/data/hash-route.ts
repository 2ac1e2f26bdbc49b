// The selected context lives in the address (#/context/NAME), so a reload keeps it.
import { useSyncExternalStore } from "react";

const prefix = "#/context/";

function read(): string | undefined {
  return location.hash.startsWith(prefix) ? decodeURIComponent(location.hash.slice(prefix.length)) : undefined;
}

function subscribe(cb: () => void) {
  window.addEventListener("hashchange", cb);
  return () => window.removeEventListener("hashchange", cb);
}

export function useSelectedContext(): [string | undefined, (name: string | undefined) => void] {
  const value = useSyncExternalStore(subscribe, read);
  const set = (name: string | undefined) => {
    location.hash = name ? prefix + encodeURIComponent(name) : "";
  };
  return [value, set];
}
