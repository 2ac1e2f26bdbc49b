// The preload exposes exactly two generic functions: send a frame to main, and receive
// frames from it (text or bytes, src-shared/api/wire.ts). Which calls exist is the
// contract's business, checked in main.
import { contextBridge, ipcRenderer } from "electron";

const channel = "kubedeck:message";

contextBridge.exposeInMainWorld("kubedeckIpc", {
  send: (message: unknown) => ipcRenderer.send(channel, message),
  onMessage: (listener: (message: unknown) => void) => {
    const wrapped = (_e: unknown, m: unknown) => listener(m);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});
