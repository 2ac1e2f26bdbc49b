// Yielding the main thread between pieces of the editor's heavy work (loading Monaco, making
// an editor, a large paste), so that no piece holds the page long on its own.

/** Resolves in a task of its own, without the 4 ms clamping of nested timers. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Resolves in a task after the next frame is drawn (at once in a hidden page, which draws none). */
export function afterNextPaint(): Promise<void> {
  if (document.visibilityState === "hidden") return nextTask();
  return new Promise((resolve) => requestAnimationFrame(() => void nextTask().then(resolve)));
}
