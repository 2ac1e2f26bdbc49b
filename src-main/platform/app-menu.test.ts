import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeFrame } from "../../src-shared/api/wire.ts";
import { createSession } from "../api/session.ts";
import { createApp } from "../index.ts";
import { keyBindings } from "../../src-shared/kinds/app-keys.ts";
import { AppMenu, menuTemplate, type MenuItemSpec } from "./app-menu.ts";

const flat = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
const byKey = (items: MenuItemSpec[]) => new Map(flat(items).flatMap((i) => (i.key ? [[i.key, i] as const] : [])));

describe("the desktop app's menus", () => {
  it("offer every app key once, with its label", () => {
    const labels = Object.fromEntries(keyBindings.map((b) => [b.id, `say ${b.id}`]));
    const items = byKey(menuTemplate(labels, "linux"));
    expect([...items.keys()].sort()).toEqual(keyBindings.map((b) => b.id).sort());
    expect(items.get("filter")?.label).toBe("say filter");
    expect(flat(menuTemplate(labels, "linux")).filter((i) => i.key).length).toBe(keyBindings.length);
  });

  it("show the same accelerators on Windows and Linux, leaving the keys to the page", () => {
    const items = byKey(menuTemplate({}, "win32"));
    expect(items.get("filter")).toMatchObject({ accelerator: "/", registerAccelerator: false });
    expect(items.get("help")).toMatchObject({ accelerator: "?", registerAccelerator: false });
    expect(items.get("nextCluster")).toMatchObject({ accelerator: "]", registerAccelerator: false });
    expect(items.get("palette")).toMatchObject({ accelerator: "CmdOrCtrl+K", registerAccelerator: false });
  });

  it("say a sequence in the label, which accelerators cannot", () => {
    const items = byKey(menuTemplate({ pods: "Go to Pods" }, "linux"));
    expect(items.get("pods")).toEqual({ label: "Go to Pods    g p", key: "pods" });
    expect(items.get("namespaces")?.label).toBe("namespaces    g N");
  });

  it("on macOS make only Cmd combinations key equivalents, so that a text field keeps its '/'", () => {
    const template = menuTemplate({ filter: "Filter the list" }, "darwin");
    const items = byKey(template);
    expect(items.get("palette")).toEqual({ label: "palette", key: "palette", accelerator: "CmdOrCtrl+K" });
    expect(items.get("filter")).toEqual({ label: "Filter the list    /", key: "filter" });
    expect(template[0]).toEqual({ role: "appMenu" });
    expect(template.some((i) => i.role === "editMenu")).toBe(true);
  });

  it("name the menus in the renderer's language and keep the developer tools to development", () => {
    const zh = menuTemplate({ "menu.view": "视图", "menu.go": "转到", "menu.help": "帮助" }, "linux");
    expect(zh.map((m) => m.label ?? m.role)).toEqual(["editMenu", "视图", "转到", "windowMenu", "帮助"]);
    expect(flat(zh).some((i) => i.role === "toggleDevTools")).toBe(false);
    expect(flat(menuTemplate({}, "linux", true)).some((i) => i.role === "toggleDevTools")).toBe(true);
  });
});

describe("menu clicks", () => {
  function setUp() {
    const shown: { run?: (key: string, peer: string | undefined) => void; labels: string[] } = { labels: [] };
    const menu = new AppMenu(
      {
        show(template, run) {
          shown.run = run;
          shown.labels.push(String(template.find((m) => m.submenu?.some((i) => i.key === "pods"))?.label));
        },
      },
      "linux",
    );
    return { menu, shown };
  }

  it("run the key in the window the click was made in, and only there", () => {
    const { menu, shown } = setUp();
    const one: string[] = [];
    const two: string[] = [];
    menu.subscribe("1", { "menu.go": "Go" }, (k) => one.push(k));
    menu.subscribe("2", { "menu.go": "转到" }, (k) => two.push(k));
    expect(shown.labels).toEqual(["Go", "转到"]);
    shown.run?.("pods", "2");
    shown.run?.("filter", "1");
    expect(two).toEqual(["pods"]);
    expect(one).toEqual(["filter"]);
  });

  it("go nowhere from a closed window, no window, or for a key that is not one", () => {
    const { menu } = setUp();
    const got: string[] = [];
    const stop = menu.subscribe("1", {}, (k) => got.push(k));
    expect(menu.run("rm -rf", "1")).toBe(false);
    expect(menu.run("pods", undefined)).toBe(false);
    stop();
    expect(menu.run("pods", "1")).toBe(false);
    expect(got).toEqual([]);
  });

  it("stay quiet without a menu bar (serve mode)", () => {
    const menu = new AppMenu(undefined, "linux");
    const got: string[] = [];
    menu.subscribe("1", {}, (k) => got.push(k));
    expect(menu.run("pods", "1")).toBe(false);
    expect(got).toEqual([]);
  });
});

describe("the app.menu stream", () => {
  it("carries a window's labels to the menu bar and its clicks back to that window's renderer only", () => {
    const dir = mkdtempSync(join(tmpdir(), "kubedeck-menu-"));
    let click: ((key: string, peer: string | undefined) => void) | undefined;
    const shown: MenuItemSpec[][] = [];
    const app = createApp({
      userDataDir: dir,
      env: { KUBECONFIG: join(dir, "none.yaml"), HOME: dir },
      menu: { show: (template, run) => void (shown.push(template), (click = run)) },
    });
    try {
      const received = new Map<string, unknown[]>();
      for (const peer of ["7", "8"]) {
        received.set(peer, []);
        const session = createSession(app.router, { send: (f) => received.get(peer)!.push(decodeFrame(f)) }, { peer });
        session.receive(JSON.stringify({ t: "sub", id: 1, name: "app.menu", input: { labels: { "menu.go": `Go ${peer}` } } }));
      }
      expect(shown.at(-1)?.find((m) => m.submenu?.some((i) => i.key === "pods"))?.label).toBe("Go 8");
      click?.("pods", "7");
      expect(received.get("7")).toEqual([{ t: "event", id: 1, event: { key: "pods" } }]);
      expect(received.get("8")).toEqual([]);
    } finally {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
