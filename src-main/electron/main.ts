// The Electron main process: a window, the IPC transport and nothing else. Everything a
// feature needs lives in plain-Node services built by createApp (src-main/index.ts).
import { app, BrowserWindow, ipcMain, Menu, safeStorage, shell, session as electronSession, type MenuItemConstructorOptions } from "electron";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Frame } from "../../src-shared/api/wire.ts";
import { createSession, type Session } from "../api/session.ts";
import { createApp } from "../index.ts";
import { bundledHelm } from "../helm/cli.ts";
import type { MenuHost, MenuItemSpec } from "../platform/app-menu.ts";
import type { Sealer } from "../platform/sealer.ts";
import { loginShellPath } from "../platform/login-shell.ts";
import { rendererCsp } from "./csp.ts";

const channel = "kubedeck:message";

/**
 * The OS keychain, for Secret drafts and journal entries; none on a Linux desktop without a
 * keyring, where Electron would fall back to a fixed, well-known key ("basic_text").
 */
function keychain(): Sealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === "linux" && safeStorage.getSelectedStorageBackend() === "basic_text") return undefined;
  return { seal: (text) => safeStorage.encryptString(text), open: (sealed) => safeStorage.decryptString(sealed) };
}

/** The menu bar from app-menu.ts's template: a click runs its key in the window it was made in. */
const menuBar: MenuHost = {
  show(template, run) {
    const build = (items: MenuItemSpec[]): MenuItemConstructorOptions[] =>
      items.map(({ key, submenu, ...item }) => ({
        ...item,
        ...(submenu ? { submenu: build(submenu) } : {}),
        ...(key ? { click: (_item, window) => run(key, window instanceof BrowserWindow ? String(window.webContents.id) : undefined) } : {}),
      }));
    Menu.setApplicationMenu(Menu.buildFromTemplate(build(template)));
  },
};

async function start() {
  // Apps started from the Dock or a desktop menu do not inherit the login shell's PATH,
  // and credential plugins (aws, gke-gcloud-auth-plugin, kubelogin …) live on it.
  process.env.PATH = (await loginShellPath()) ?? process.env.PATH;
  const kubedeck = createApp({
    userDataDir: app.getPath("userData"),
    env: process.env,
    sealer: keychain(),
    menu: menuBar,
    dev: !app.isPackaged,
    // Installed, the app brings its own helm (npm run dist builds it for the installer's platform).
    helm: app.isPackaged ? { path: bundledHelm(process.resourcesPath), source: "bundled" } : undefined,
  });

  electronSession.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [rendererCsp] } });
  });
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  // electron-vite's dev server in development, the bundled file otherwise.
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const appUrl = devUrl ?? pathToFileURL(join(import.meta.dirname, "../renderer/index.html")).href;
  const preload = join(import.meta.dirname, "../preload/index.cjs");
  const isOurs = (url: string) => (devUrl ? url.startsWith(devUrl) : url.split("#")[0] === appUrl);

  // One session per window: each renderer is its own conversation with the router.
  const sessions = new Map<number, Session>();
  const windows = new Set<Electron.WebContents>();
  ipcMain.on(channel, (event, data: unknown) => {
    // Only the top frame of one of the app's own windows may talk to main.
    const frame = event.senderFrame;
    if (!windows.has(event.sender) || !frame || frame !== event.sender.mainFrame || !isOurs(frame.url)) return;
    const sender = event.sender;
    let s = sessions.get(sender.id);
    if (!s) {
      // IPC has no buffer to watch: the renderer's acknowledgements alone pace each stream.
      s = createSession(
        kubedeck.router,
        {
          send: (f: Frame) => {
            if (!sender.isDestroyed()) sender.send(channel, f);
          },
        },
        { peer: String(sender.id) },
      );
      sessions.set(sender.id, s);
    }
    // A frame that is not a message is refused and logged by the session, never thrown.
    s.receive(data);
  });

  /** The rules every window of the app follows; its session ends with it. */
  function wire(w: BrowserWindow) {
    const contents = w.webContents;
    const id = contents.id;
    windows.add(contents);
    // Navigation away from the app is refused; web links open in the user's browser.
    contents.on("will-navigate", (e, url) => {
      if (url !== contents.getURL()) e.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      // A terminal moved to its own window (the dock's "Own window"): the app itself, with the same rules.
      // Electron gives it the parent's security preferences (isolated, no Node) and app.enableSandbox()
      // sandboxes every renderer; the preload is what it needs to talk to main.
      if (isOurs(url) && url.includes("#/terminal/"))
        return { action: "allow", overrideBrowserWindowOptions: { width: 960, height: 600, webPreferences: { preload, disableBlinkFeatures: "Auxclick" } } };
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: "deny" };
    });
    contents.on("did-create-window", (child) => wire(child));
    // A reload starts a new renderer: its old streams end.
    contents.on("did-start-navigation", (details) => {
      if (details.isMainFrame && !details.isSameDocument) {
        sessions.get(id)?.close();
        sessions.delete(id);
      }
    });
    w.on("closed", () => {
      sessions.get(id)?.close();
      sessions.delete(id);
      windows.delete(contents);
    });
  }

  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: "Auxclick",
    },
  });
  wire(win);

  win.once("ready-to-show", () => win.show());
  // `npm start -- --sandbox` opens the app on the practice cluster's context.
  const openContext = process.env.KUBEDECK_OPEN_CONTEXT;
  await win.loadURL(openContext ? `${appUrl}#/context/${encodeURIComponent(openContext)}` : appUrl);
  app.on("window-all-closed", () => {
    kubedeck.close();
    app.quit();
  });
}

app.enableSandbox();
app.whenReady().then(start, (e: Error) => {
  console.error(e);
  app.exit(1);
});
