// Whichever transport is present: the preload's IPC bridge in the desktop app, or a
// WebSocket back to the page's own server in serve mode (its cookie carries the token).
import type { ClientMessage, ServerMessage } from "../../src-shared/api/contract.ts";

export interface Transport {
  send(m: ClientMessage): void;
  onMessage(listener: (m: ServerMessage) => void): void;
  /** Called when the connection to main is lost for good. */
  onClose(listener: () => void): void;
}

declare global {
  interface Window {
    kubedeckIpc?: { send(m: unknown): void; onMessage(l: (m: unknown) => void): () => void };
  }
}

function ipcTransport(ipc: NonNullable<Window["kubedeckIpc"]>): Transport {
  return {
    send: (m) => ipc.send(m),
    onMessage: (l) => void ipc.onMessage((m) => l(m as ServerMessage)),
    onClose: () => {},
  };
}

function webSocketTransport(): Transport {
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api`);
  const queue: string[] = [];
  ws.addEventListener("open", () => queue.splice(0).forEach((m) => ws.send(m)));
  return {
    send: (m) => (ws.readyState === WebSocket.OPEN ? ws.send(JSON.stringify(m)) : queue.push(JSON.stringify(m))),
    onMessage: (l) => ws.addEventListener("message", (e) => l(JSON.parse(String(e.data)))),
    onClose: (l) => ws.addEventListener("close", l),
  };
}

export const createTransport = (): Transport => (window.kubedeckIpc ? ipcTransport(window.kubedeckIpc) : webSocketTransport());
