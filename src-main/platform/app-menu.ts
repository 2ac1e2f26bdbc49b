// The desktop app's menus: the app keys (src-shared/kinds/app-keys.ts) with the same
// accelerators, in the renderer's language. Plain Node: src-main/electron/ only turns the
// template into Electron's Menu and says which window a click came from.
import { keyBindings, type KeyBinding } from "../../src-shared/kinds/app-keys.ts";

/** Electron's MenuItemConstructorOptions, the part we use; `key` is the app key a click runs. */
export interface MenuItemSpec {
  label?: string;
  role?: "appMenu" | "editMenu" | "windowMenu" | "reload" | "toggleDevTools" | "resetZoom" | "zoomIn" | "zoomOut" | "togglefullscreen";
  type?: "separator";
  accelerator?: string;
  /** false: the accelerator is shown, the renderer takes the key (so that it never fires while the user types). */
  registerAccelerator?: boolean;
  key?: string;
  submenu?: MenuItemSpec[];
}

export interface MenuHost {
  /** Shows the menus; `run` is called with the key of the item clicked and the window it was clicked in. */
  show(template: MenuItemSpec[], run: (key: string, peer: string | undefined) => void): void;
}

/**
 * The accelerator Electron shows for a binding, or none. A sequence ("g p") has none (menus
 * cannot say it): its keys go into the label. On macOS a plain key would become the menu's
 * key equivalent and be taken from text fields, so there only Cmd combinations are
 * accelerators; elsewhere every single key is shown but left to the renderer.
 */
function accelerator(b: KeyBinding, platform: NodeJS.Platform): Pick<MenuItemSpec, "accelerator" | "registerAccelerator"> | undefined {
  if (b.keys.includes(" ")) return undefined;
  const mod = b.keys.startsWith("mod+");
  if (platform === "darwin") return mod ? { accelerator: `CmdOrCtrl+${b.keys.slice(4).toUpperCase()}` } : undefined;
  return { accelerator: mod ? `CmdOrCtrl+${b.keys.slice(4).toUpperCase()}` : b.keys, registerAccelerator: false };
}

/** The menus; a label the renderer has not sent yet falls back to the key's id. */
export function menuTemplate(labels: Record<string, string>, platform: NodeJS.Platform, dev = false): MenuItemSpec[] {
  const label = (id: string) => labels[id] ?? id;
  const item = (id: string): MenuItemSpec => {
    const b = keyBindings.find((k) => k.id === id);
    if (!b) throw new Error(`no app key "${id}"`);
    const acc = accelerator(b, platform);
    return { label: acc ? label(id) : `${label(id)}    ${b.keys}`, key: id, ...acc };
  };
  const separator: MenuItemSpec = { type: "separator" };
  const goes = keyBindings.filter((b) => b.command.type === "go").map((b) => item(b.id));
  return [
    ...(platform === "darwin" ? [{ role: "appMenu" } as const] : []),
    { role: "editMenu" },
    {
      label: label("menu.view"),
      submenu: [
        item("filter"),
        item("palette"),
        separator,
        item("previousCluster"),
        item("nextCluster"),
        separator,
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
        { role: "togglefullscreen" },
        ...(dev ? [separator, { role: "reload" } as const, { role: "toggleDevTools" } as const] : []),
      ],
    },
    { label: label("menu.go"), submenu: goes },
    { role: "windowMenu" },
    { label: label("menu.help"), submenu: [item("help")] },
  ];
}

/**
 * Menus for every window of the app, one set (the OS has one menu bar): the last window to
 * send its labels names them, and a click runs its key in the window it was made in.
 */
export class AppMenu {
  private readonly windows = new Map<string, (key: string) => void>();
  private readonly host: MenuHost | undefined;
  private readonly platform: NodeJS.Platform;
  private readonly dev: boolean;

  constructor(host: MenuHost | undefined, platform: NodeJS.Platform = process.platform, dev = false) {
    this.host = host;
    this.platform = platform;
    this.dev = dev;
  }

  /** A window's menus in its language; `run` gets the keys clicked in it. Gives back the unsubscribe. */
  subscribe(peer: string | undefined, labels: Record<string, string>, run: (key: string) => void): () => void {
    if (!this.host || peer === undefined) return () => {};
    const id = peer;
    this.windows.set(id, run);
    this.host.show(menuTemplate(labels, this.platform, this.dev), (key, from) => this.run(key, from));
    return () => {
      if (this.windows.get(id) === run) this.windows.delete(id);
    };
  }

  /** A click: to the window it was made in, or, from none (macOS with every window closed), nowhere. */
  run(key: string, peer: string | undefined): boolean {
    const to = peer === undefined ? undefined : this.windows.get(peer);
    if (!to || !keyBindings.some((b) => b.id === key)) return false;
    to(key);
    return true;
  }
}
