// The app foundation in a real browser against the practice cluster: contexts, several
// clusters at once, namespaces, a remembered filter, the viewer's narrow rights, the broken
// context's error, Chinese, themes, and serve mode's guard (token, Host, Origin).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";
import { launchChromium, screenshotter, startServe, type Serve } from "./browser.ts";

const shot = screenshotter("foundation");
let serve: Serve;
let browser: Browser;
let page: Page;
const userData = mkdtempSync(join(tmpdir(), "kubedeck-user-data-"));

beforeAll(async () => {
  serve = await startServe(["--kubeconfig", inject("kubeconfig"), "--user-data", userData]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: "light", locale: "en-US" });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  rmSync(userData, { recursive: true, force: true });
});

/** A raw HTTP GET with chosen headers (a browser would not let us forge Host). */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: serve.port, path, headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const context = (name: string) => page.getByRole("navigation", { name: "Contexts" }).getByRole("button", { name: new RegExp(`^${name}\\b`) });
const namespaceRows = () => page.getByRole("table", { name: "Namespaces" }).getByRole("row");
const namespaceCell = (ns: string) => page.getByRole("table", { name: "Namespaces" }).getByRole("cell", { name: ns, exact: true });

describe("serve mode's guard", () => {
  it("answers a wrong or missing token with 401 and no app", async () => {
    const wrong = await page.goto(`${serve.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
    expect(await page.content()).not.toContain("<script");
    await shot(page, "wrong-token");
    expect((await get("/", { Host: `127.0.0.1:${serve.port}` })).status).toBe(401);
    expect((await get(`/assets/x.js?token=${serve.token}x`, { Host: `127.0.0.1:${serve.port}` })).status).toBe(401);
  });

  it("answers a malformed address with 400 and keeps serving", async () => {
    const host = { Host: `127.0.0.1:${serve.port}`, Cookie: `kubedeck_token=${serve.token}` };
    expect((await get("/%E0%A4%A", host)).status).toBe(400);
    expect((await get("/", host)).status).toBe(200);
  });

  it("refuses a DNS-rebinding Host and another origin, even with the token", async () => {
    expect((await get(`/?token=${serve.token}`, { Host: `evil.example:${serve.port}` })).status).toBe(421);
    expect((await get(`/?token=${serve.token}`, { Host: `127.0.0.1:${serve.port}`, Origin: "http://evil.example" })).status).toBe(403);
    const socket = new WebSocket(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`, { origin: "http://evil.example" });
    const refused = await new Promise<string>((resolve) => {
      socket.on("open", () => resolve("open"));
      socket.on("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
      socket.on("error", () => resolve("error"));
    });
    expect(refused).toBe("403");
  });
});

describe("contexts and clusters", () => {
  it("lists the practice cluster's contexts", async () => {
    await page.goto(serve.url);
    for (const name of ["sandbox-admin", "sandbox-viewer", "sandbox-broken", "sandbox-oidc"]) await expect.poll(() => context(name).count()).toBe(1);
    await shot(page, "contexts");
  });

  it("takes an added kubeconfig file with hundreds of contexts, searchable, and forgets it again", async () => {
    const many = join(userData, "many-contexts.yaml");
    const names = Array.from({ length: 400 }, (_, i) => `team-${String(i + 1).padStart(3, "0")}`);
    writeFileSync(
      many,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: names.map((n) => ({ name: n, cluster: { server: `https://${n}.clusters.example:6443` } })),
        users: [{ name: "dev", user: { token: "not-a-real-token" } }],
        contexts: names.map((n) => ({ name: n, context: { cluster: n, user: "dev", namespace: "apps" } })),
      }),
    );
    await page.getByRole("textbox", { name: "Add a kubeconfig file or folder" }).fill(many);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => page.getByText("404 contexts", { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole("textbox", { name: "Search contexts" }).fill("team-25");
    await expect.poll(() => page.getByRole("navigation", { name: "Contexts" }).getByRole("button").count()).toBe(10);
    await shot(page, "hundreds-of-contexts");
    await page.getByRole("textbox", { name: "Search contexts" }).fill("");
    await page.getByRole("button", { name: `Remove ${many}` }).click();
    await expect.poll(() => page.getByText("4 contexts", { exact: true }).count()).toBeGreaterThan(0);
  });

  it("finds a context by searching", async () => {
    await page.getByRole("textbox", { name: "Search contexts" }).fill("view");
    await expect.poll(() => context("sandbox-admin").count()).toBe(0);
    await expect.poll(() => context("sandbox-viewer").count()).toBe(1);
    await page.getByRole("textbox", { name: "Search contexts" }).fill("");
  });

  it("connects sandbox-admin and lists its namespaces live", async () => {
    await context("sandbox-admin").click();
    await expect.poll(() => page.getByText("Kubernetes v1.37.2").count(), { timeout: 20_000 }).toBe(1);
    for (const ns of ["demo", "shop", "kube-system", "default"]) {
      await expect.poll(() => namespaceCell(ns).count(), { timeout: 20_000 }).toBe(1);
    }
    // The overview above the namespaces keeps its shape while its figures load: the filter
    // below it must not move far once the overview is there (a move closed the filter's list).
    await expect.poll(() => page.getByRole("region", { name: "Cluster overview" }).count(), { timeout: 20_000 }).toBe(1);
    const filterAt = async () => (await page.getByRole("combobox", { name: "Namespace filter" }).boundingBox())?.y;
    const before = await filterAt();
    await expect.poll(() => page.locator('[data-figure="nodes"]').textContent(), { timeout: 30_000 }).toMatch(/ready/);
    // (a badge line or a wrapped one may still add a few pixels)
    expect(Math.abs((await filterAt())! - before!)).toBeLessThan(40);
    await shot(page, "admin-connected");
  });

  it("remembers the namespace filter of a context across a reload", async () => {
    const filter = page.getByRole("combobox", { name: "Namespace filter" });
    await filter.click();
    await page.getByRole("option", { name: "demo", exact: true }).click();
    await page.getByRole("option", { name: "shop", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect.poll(() => namespaceRows().filter({ hasText: "in filter" }).count()).toBe(2);
    await page.reload();
    await expect.poll(() => namespaceRows().filter({ hasText: "in filter" }).count(), { timeout: 20_000 }).toBe(2);
    await shot(page, "filter-after-reload");
  });

  it("works as sandbox-viewer with only namespace demo", async () => {
    await context("sandbox-viewer").click();
    await expect.poll(() => page.getByText("You may not list the namespaces of this cluster.").count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => namespaceRows().allTextContents()).toEqual(["demo"]);
    await shot(page, "viewer");
  });

  it("shows sandbox-broken's connection refused while the other two stay connected", async () => {
    await context("sandbox-broken").click();
    const alert = page.getByRole("alert").filter({ hasText: "Cannot connect to sandbox-broken" });
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    expect(await alert.textContent()).toContain("connection refused");
    const tabs = page.getByRole("tablist", { name: "Contexts" }).getByRole("tab");
    await expect.poll(() => tabs.allTextContents()).toEqual(["sandbox-admin", "sandbox-viewer", "sandbox-broken"]);
    await shot(page, "broken");
    await tabs.filter({ hasText: "sandbox-admin" }).click();
    await expect.poll(() => namespaceCell("demo").count()).toBe(1);
    await expect.poll(() => page.getByText("Connected").first().isVisible()).toBe(true);
  });
});

describe("addresses", () => {
  it("connect the context they name, once, but not one the user disconnected", async () => {
    const connects: string[] = [];
    const received: string[] = [];
    page.on("websocket", (ws) => {
      ws.on("framesent", ({ payload }) => {
        const m = typeof payload === "string" ? (JSON.parse(payload) as { name?: string; input?: { context?: string } }) : undefined;
        if (m?.name === "connections.connect") connects.push(m.input!.context!);
      });
      ws.on("framereceived", ({ payload }) => void (typeof payload === "string" && received.push(payload)));
    });
    await page.reload();
    await expect.poll(() => page.getByText("Connected").first().isVisible(), { timeout: 20_000 }).toBe(true);
    await page.evaluate(() => (location.hash = "#/context/sandbox-viewer"));
    await page.getByRole("button", { name: "Disconnect", exact: true }).click();
    await expect.poll(() => page.getByText("Not connected", { exact: true }).count()).toBe(1);
    // Another address of the same context: it stays disconnected.
    await page.evaluate(() => (location.hash = "#/context/sandbox-viewer/r/core/v1/pods"));
    // A link to a list of a context not connected yet connects it and shows the list. Its
    // connect is sent after anything the address before would have sent, so the count below
    // cannot have been taken too early.
    // Its connection is asked for in the address's own event, before React draws the new
    // route: the workspace does not name sandbox-oidc yet when the request leaves.
    await page.evaluate(() => {
      // The page's WebSocket (this file's own is the ws package's).
      const socket = window.WebSocket.prototype;
      const w = window as unknown as { drawnAtConnect?: boolean; plainSend: typeof socket.send; overviewDrawn?: boolean; overviewWatch?: MutationObserver };
      // Shown as connecting from the moment it is asked for: never as "Not connected" with its
      // Connect button, as it was while main's "connecting" was still on its way.
      w.overviewDrawn = false;
      w.overviewWatch = new MutationObserver(() => {
        const text = document.querySelector("main")?.textContent ?? "";
        if (text.includes("sandbox-oidc") && text.includes("Not connected")) w.overviewDrawn = true;
      });
      w.overviewWatch.observe(document.body, { subtree: true, childList: true, characterData: true });
      w.plainSend = socket.send;
      socket.send = function (data) {
        if (typeof data === "string" && data.includes('"connections.connect"') && w.drawnAtConnect === undefined)
          w.drawnAtConnect = !!document.querySelector("main")?.textContent?.includes("sandbox-oidc");
        return w.plainSend.call(this, data);
      };
      location.hash = "#/context/sandbox-oidc/r/core/v1/pods";
    });
    const rows = page.getByRole("grid", { name: "Pods" }).locator('[role="row"][data-key^="demo/"]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(connects).toEqual(["sandbox-oidc"]);
    expect(await page.evaluate(() => (window as unknown as { drawnAtConnect?: boolean }).drawnAtConnect)).toBe(false);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as { overviewDrawn?: boolean; overviewWatch?: MutationObserver };
        w.overviewWatch?.disconnect();
        return w.overviewDrawn;
      }),
    ).toBe(false);
    await page.evaluate(() => (window.WebSocket.prototype.send = (window as unknown as { plainSend: typeof window.WebSocket.prototype.send }).plainSend));
    await shot(page, "address-connects");
    // Selected anew, the disconnected context connects again.
    await page.evaluate(() => (location.hash = "#/context/sandbox-viewer"));
    await expect.poll(() => namespaceRows().allTextContents(), { timeout: 20_000 }).toEqual(["demo"]);
    expect(connects).toEqual(["sandbox-oidc", "sandbox-viewer"]);

    // A list's address draws the list while its context connects; a connection that fails
    // takes the list away again, and says why.
    await page.evaluate(() => (location.hash = "#/context/sandbox-broken/r/core/v1/pods"));
    const from = received.length;
    await page.getByRole("button", { name: "Try again" }).click();
    const said = (status: string) => received.slice(from).findIndex((f) => f.includes(`"context":"sandbox-broken","status":"${status}"`));
    await expect.poll(() => said("connecting"), { timeout: 20_000 }).toBeGreaterThanOrEqual(0);
    await expect.poll(() => said("error") > said("connecting"), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Cannot connect to sandbox-broken" }).count()).toBe(1);
    expect(await page.getByRole("grid").count()).toBe(0);
  });
});

describe("signing in", () => {
  it("connects sandbox-oidc through OpenID Connect, as alice", async () => {
    await context("sandbox-oidc").click();
    await expect.poll(() => page.getByText("Kubernetes v1.37.2").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole("row", { name: /Authentication/ }).textContent()).toContain("auth-provider: oidc");
    // Alice's group may edit in demo but not list namespaces: the fallback list shows demo.
    await expect.poll(() => namespaceCell("demo").count(), { timeout: 20_000 }).toBe(1);
    await shot(page, "oidc");
  });
});

describe("language and theme", () => {
  it("switches to Simplified Chinese and keeps it", async () => {
    await page.getByRole("combobox", { name: "Language" }).click();
    await page.getByRole("option", { name: "中文（简体）" }).click();
    await expect.poll(() => page.getByText("命名空间筛选", { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole("navigation", { name: "上下文" }).count()).toBe(1);
    await shot(page, "zh-CN-light");
    // The workspace's code is fetched at start and may arrive before the Chinese strings, while
    // i18next still waits for them: make it so, and see the app start without an error.
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const workspaceIn = Promise.all(
      [/\/ClusterWorkspace-[^/]*\.js$/, /\/late-[^/]*\.js$/].map((re) => page.waitForEvent("requestfinished", (r) => re.test(r.url()))),
    );
    await page.route(/\/zh-CN-[^/]*\.js$/, async (route) => {
      await workspaceIn;
      await page.evaluate(() => new Promise((r) => setTimeout(r)));
      await route.continue();
    });
    await page.reload();
    await expect.poll(() => page.getByRole("navigation", { name: "上下文" }).count(), { timeout: 20_000 }).toBe(1);
    await page.unrouteAll();
    expect(errors).toEqual([]);
  });

  it("switches to the dark theme", async () => {
    await page.getByText("深色", { exact: true }).click();
    await expect.poll(() => page.locator("html").getAttribute("data-mantine-color-scheme")).toBe("dark");
    await shot(page, "zh-CN-dark");
    await page.getByRole("combobox", { name: "语言" }).click();
    await page.getByRole("option", { name: "English" }).click();
    await expect.poll(() => page.getByText("Namespace filter", { exact: true }).count()).toBe(1);
    await shot(page, "en-dark");
    await context("sandbox-broken").click();
    await shot(page, "en-dark-broken");
  });
});
