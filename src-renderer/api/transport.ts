// Whichever transport is present: the preload's IPC bridge in the desktop app, or a
// WebSocket back to the page's own server in serve mode (its cookie carries the token).
// Both carry frames (src-shared/api/wire.ts): text, or bytes for messages that hold bytes.
import type { Frame } from "../../src-shared/api/wire.ts";

export interface Transport {
  send(frame: Frame): void;
  onFrame(listener: (frame: Frame) => void): void;
  /** Called when the connection to main is lost for good. */
  onClose(listener: () => void): void;
}

export interface IpcBridge {
  send(frame: unknown): void;
  onMessage(listener: (frame: unknown) => void): () => void;
}

declare global {
  interface Window {
    kubedeckIpc?: IpcBridge;
  }
}

export function ipcTransport(ipc: IpcBridge): Transport {
  return {
    send: (f) => ipc.send(f),
    onFrame: (l) => void ipc.onMessage((f) => l(f as Frame)),
    onClose: () => {},
  };
}

/** The part of the WebSocket API used here, so that a test can hand in Node's own. */
export type SocketLike = Pick<WebSocket, "send" | "readyState" | "addEventListener" | "binaryType">;

export function webSocketTransport(ws: SocketLike): Transport {
  ws.binaryType = "arraybuffer";
  const queue: Frame[] = [];
  ws.addEventListener("open", () => queue.splice(0).forEach((f) => ws.send(f)));
  return {
    send: (f) => (ws.readyState === 1 ? ws.send(f) : queue.push(f)),
    onFrame: (l) => ws.addEventListener("message", (e: MessageEvent) => l(typeof e.data === "string" ? e.data : new Uint8Array(e.data as ArrayBuffer))),
    onClose: (l) => ws.addEventListener("close", l),
  };
}

export const createTransport = (): Transport =>
  window.kubedeckIpc
    ? ipcTransport(window.kubedeckIpc)
    : webSocketTransport(new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api`));
