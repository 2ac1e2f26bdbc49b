// Terminals and logs in a real browser against the practice cluster (DESIGN §6), whose kwok
// runs exec as a real shell and writes each pod's log every 2 s: a shell that echoes, ends
// with its exit code, follows its panel's size and survives navigating away; the viewer's
// refusal; a followed log that grows, is searched and downloaded; a crash-looping pod's previous
// log. Read back through the terminal's own "Copy all" and the log's rows.
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { screenshotter } from "./browser.ts";
import { agentDir } from "./sandbox/paths.ts";
import { kubectl, openApp, openList, shotBothThemes, watchLeavesScreen, type AppUnderTest } from "./suite.ts";

const shot = screenshotter("dock");
let app: AppUnderTest;
let page: Page;

const podRoute = (name: string, ctx = "sandbox-admin", namespace = "demo") => `#/context/${ctx}/r/core/v1/pods/${namespace}/${name}`;
// The debugging tests change pods: their own, in a namespace of their own.
const ns = `kd-dock-${Date.now().toString(36)}`;
const jsonpath = async (what: string[], path: string) => (await kubectl(["get", ...what, "-o", `jsonpath=${path}`])).trim();
const drawer = () => page.getByRole("dialog").filter({ has: page.getByRole("tablist") });
const dock = () => page.getByRole("complementary", { name: "Terminals and logs" });
const shown = (l: Locator, timeout = 20_000) => l.first().waitFor({ state: "visible", timeout });
const panel = () => dock().getByRole("tabpanel");
/** Downloads from the log's Download menu; the file saved. */
async function download(item: string) {
  await panel().getByRole("button", { name: "Download" }).click();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: item }).click()]);
  return file;
}
/** The file kwok serves as our `patient` pod's log (the kubelet's CRI format; the agent names its folder NAME_UID). */
function patientLog() {
  const dir = join(agentDir, "pods", ns);
  return join(
    dir,
    readdirSync(dir).find((f) => f.startsWith("patient_"))!,
    "app.log",
  );
}
/** A merged log's "N containers". */
const sourcesShown = () =>
  panel()
    .getByRole("status")
    .filter({ hasText: /containers?$/ })
    .innerText();
/** Closes the dock's one tab (strict: a second tab left open fails here). */
const closeTheTab = () =>
  dock()
    .getByRole("button", { name: /^Close / })
    .click();

/** What the visible terminal holds, through its own "Copy all". */
async function terminalText(): Promise<string> {
  await panel().getByRole("button", { name: "Copy all" }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}
const terminalShows = (text: string | RegExp) => expect.poll(terminalText, { timeout: 20_000 }).toMatch(text);

async function type(line: string) {
  await panel()
    .getByRole("region", { name: /^Terminal in / })
    .click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

beforeAll(async () => {
  await kubectl(["create", "namespace", ns]);
  await kubectl(
    ["apply", "-f", "-"],
    JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "patient", namespace: ns, labels: { app: "patient" } },
      spec: { containers: [{ name: "app", image: "nginx:1.27", readinessProbe: { httpGet: { port: 80 } } }] },
    }),
  );
  await kubectl(["wait", "--for=condition=Ready", `pod/patient`, "-n", ns, "--timeout=60s"]);
  await kubectl(
    ["apply", "-f", "-"],
    JSON.stringify({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "patient", namespace: ns },
      spec: { selector: { app: "patient" }, ports: [{ name: "web", port: 8000, targetPort: 80 }] },
    }),
  );
  app = await openApp();
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  expect(app.errors).toEqual([]);
});

afterEach(async ({ task }) => {
  if (task.result?.state !== "fail") return;
  await shot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  // The tabs a failed test left open would fail every later test's closeTheTab: closed here.
  while ((await dock().count()) > 0)
    await dock()
      .getByRole("button", { name: /^(Close|关闭) / })
      .first()
      .click();
});

it("waits for the details', the dock's and the log viewer's code where each goes, the list and the sidebar shown meanwhile", async () => {
  // Each view's code held until the test lets it through, so that each is opened cold.
  const held = ["ResourceDetails", "DockPanel", "LogViewer"];
  const asked = new Set<string>();
  const release = new Map<string, () => void>();
  const gates = new Map(held.map((name) => [name, new Promise<void>((r) => release.set(name, r))]));
  await page.route(new RegExp(`/assets/(${held.join("|")})-[^/]*\\.js$`), async (route) => {
    const name = held.find((n) => route.request().url().includes(`/assets/${n}-`))!;
    asked.add(name);
    await gates.get(name);
    await route.continue();
  });
  try {
    await page.reload();
    await openList(page, "#/context/sandbox-admin/r/core/v1/pods");
    await shown(page.getByRole("navigation", { name: "Resources" }));
    const sidebarLeft = await watchLeavesScreen(page, 'nav[aria-label="Resources"]');
    const listLeft = await watchLeavesScreen(page, "[role=grid]");
    const letThrough = async (name: string) => {
      await expect.poll(() => asked.has(name), { timeout: 20_000 }).toBe(true);
      release.get(name)!();
    };

    await page.evaluate((h) => (location.hash = h), podRoute("nginx"));
    await letThrough("ResourceDetails");
    await shown(drawer());
    await drawer().getByRole("button", { name: "Logs", exact: true }).click();
    await letThrough("DockPanel");
    // The dock and its tab are there while the viewer's code is still on its way.
    await shown(dock().getByRole("tab", { name: /nginx/ }));
    expect(await dock().getByRole("log").count()).toBe(0);
    await letThrough("LogViewer");
    await shown(dock().getByRole("log", { name: "Log of nginx" }));

    expect(await sidebarLeft()).toBe(false);
    expect(await listLeft()).toBe(false);
    await closeTheTab();
  } finally {
    for (const r of release.values()) r();
    await page.unrouteAll({ behavior: "wait" });
  }
});

it("opens a shell that runs what is typed, follows the dock's size, and survives navigating away", async () => {
  await openList(page, podRoute("nginx"));
  await drawer().getByRole("button", { name: "Shell", exact: true }).click();
  await shown(dock().getByRole("tab", { name: /Shell nginx · nginx/ }));
  await shown(panel().getByRole("status").filter({ hasText: "Running bash" }));
  await type("echo hello from $POD_NAME");
  await terminalShows(/hello from nginx/);
  await shotBothThemes(shot, page, "terminal");

  // The terminal's rows follow the dock's height.
  await type("stty size");
  await terminalShows(/stty size\s+\d+ \d+/);
  const size = async () => {
    const all = [...(await terminalText()).matchAll(/^(\d+) (\d+)$/gm)];
    return Number(all.at(-1)?.[1]);
  };
  const before = await size();
  const edge = dock().getByRole("separator", { name: "Resize the dock" });
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + 200, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y - 200, { steps: 5 });
  await page.mouse.up();
  await type("stty size");
  await expect.poll(size, { timeout: 20_000 }).toBeGreaterThan(before + 5);

  // Elsewhere in the app and back: the same shell, still there.
  await openList(page, "#/context/sandbox-admin/r/apps/v1/deployments");
  await type("echo still-here");
  await terminalShows(/still-here/);

  await type("exit 3");
  await shown(panel().getByRole("status").filter({ hasText: "Ended with exit code 3" }));
  await shot(page, "terminal-exited");
  await panel().getByRole("button", { name: "Reconnect" }).click();
  await shown(panel().getByRole("status").filter({ hasText: "Running bash" }));

  // Another command in place of the shell: plain words as argv, shell syntax through sh -c.
  await type("exit 4");
  await shown(panel().getByRole("status").filter({ hasText: "Ended with exit code 4" }));
  const run = panel().getByRole("textbox", { name: "Run another command" });
  const runs = async (line: string) => {
    await run.fill(line);
    await run.press("Enter");
  };
  const ended = (code: number) =>
    shown(
      panel()
        .getByRole("status")
        .filter({ hasText: `Ended with exit code ${code}` }),
    );
  // kwok's exec with a terminal closes the terminal as soon as the command ends, often before
  // the command's last output is copied to the stream (a quarter of quick commands on a busy
  // machine; a kubelet waits for it). So the command prints between two lines it reads, each
  // typed once the step before it is seen: nothing is lost, no retry is needed, and a keystroke
  // that reached the command uninvited (the Enter that ran it) would show in what it printed.
  await runs('read line; echo replaced-$((40+2)) "[$line]"; read line');
  await shown(panel().getByRole("status").filter({ hasText: "Running sh -c" }));
  await type("typed");
  await terminalShows(/^\s*replaced-42 \[typed\]\s*$/m);
  await type("");
  await ended(0);
  // Plain words go as they are: `false` is the program, not a shell's word.
  await runs("false");
  await ended(1);
  // A shell's syntax goes to sh -c whole.
  await runs("test -d /no/such/dir || exit 5");
  await ended(5);
  await shot(page, "terminal-command");
  await run.fill("");
  await run.press("Enter");
  await shown(panel().getByRole("status").filter({ hasText: "Running bash" }));
  await closeTheTab();
  await expect.poll(() => dock().count()).toBe(0);
});

it("moves a shell to a window of its own: the same session, its screen along", async () => {
  await openList(page, podRoute("nginx"));
  await drawer().getByRole("button", { name: "Shell", exact: true }).click();
  await shown(panel().getByRole("status").filter({ hasText: "Running bash" }));
  await type("KD_MARK=moved-$((6*7)); echo marked $KD_MARK");
  await terminalShows(/marked moved-42/);
  const [popup] = await Promise.all([page.context().waitForEvent("page"), panel().getByRole("button", { name: "Own window" }).click()]);
  // The dock lets go of it ...
  await expect.poll(() => dock().count()).toBe(0);
  // ... and the new window has the screen so far, and the same shell (its variable still set).
  const own = popup.getByRole("region", { name: /^Terminal in nginx/ });
  await own.waitFor({ timeout: 20_000 });
  const ownText = async () => {
    await popup.getByRole("button", { name: "Copy all" }).click();
    return popup.evaluate(() => navigator.clipboard.readText());
  };
  await expect.poll(ownText, { timeout: 20_000 }).toMatch(/marked moved-42/);
  await own.click();
  await popup.keyboard.type("echo still $KD_MARK");
  await popup.keyboard.press("Enter");
  await expect.poll(ownText, { timeout: 20_000 }).toMatch(/still moved-42/);
  expect(await popup.title()).toMatch(/^Shell nginx · nginx — sandbox-admin/);
  await popup.setViewportSize({ width: 960, height: 600 });
  await shot(popup, "terminal-own-window");
  // Its address takes a session over once: opened again, it says so instead of showing nothing.
  await popup.reload();
  await popup.getByRole("alert").filter({ hasText: "no longer waiting for a window" }).waitFor({ timeout: 20_000 });
  await popup.close();
});

it("keeps a shell and a log running in tabs that are not shown", async () => {
  await openList(page, podRoute("nginx"));
  await drawer().getByRole("button", { name: "Shell", exact: true }).click();
  await shown(panel().getByRole("status").filter({ hasText: "Running bash" }));
  await type("KD_BG=kept-in-background");
  // A log in a second tab: the shell's tab is hidden meanwhile.
  await openList(page, "#/context/sandbox-admin/r/core/v1/pods");
  await openList(page, podRoute("nginx"));
  await drawer().getByRole("button", { name: "Logs", exact: true }).click();
  // By its attributes, not its role: a hidden tab's contents are out of the accessibility tree.
  const log = dock().locator('[role="log"][aria-label="Log of nginx"]');
  await expect.poll(async () => Number(await log.getAttribute("data-received")), { timeout: 20_000 }).toBeGreaterThan(0);
  // Back to the shell: the log, hidden now, still receives (the agent writes a line every 2 s) ...
  await dock()
    .getByRole("tab", { name: /Shell nginx/ })
    .click();
  const hidden = Number(await log.getAttribute("data-received"));
  await expect.poll(async () => Number(await log.getAttribute("data-received")), { timeout: 20_000 }).toBeGreaterThan(hidden);
  // ... and the shell is the same session it was (a new one would not know the variable).
  await type("echo $KD_BG");
  await terminalShows(/^kept-in-background$/m);
  for (let i = 0; i < 2; i++)
    await dock()
      .getByRole("button", { name: /^Close / })
      .first()
      .click();
  await expect.poll(() => dock().count()).toBe(0);
});

it("follows a pod's log as it grows, searches it, and downloads what it shows", async () => {
  await openList(page, podRoute("nginx"));
  await drawer().getByRole("button", { name: "Logs", exact: true }).click();
  const log = dock().getByRole("log", { name: "Log of nginx" });
  await shown(log);
  await expect.poll(async () => Number(await log.getAttribute("data-lines")), { timeout: 20_000 }).toBeGreaterThan(0);
  const first = Number(await log.getAttribute("data-lines"));
  // The agent writes a line every 2 s: it arrives while following.
  await expect.poll(async () => Number(await log.getAttribute("data-lines")), { timeout: 20_000 }).toBeGreaterThan(first);
  // In any case: what is marked is the line's own text.
  await panel().getByRole("textbox", { name: "Search the log" }).fill("get");
  await expect.poll(() => panel().getByRole("status", { name: "Matches" }).innerText()).toMatch(/^1\/\d+$/);
  await shown(log.locator("mark"));
  expect(await log.locator("mark").first().innerText()).toBe("GET");
  await shotBothThemes(shot, page, "logs");
  const file = await download("The lines loaded here");
  const lines = readFileSync((await file.path())!, "utf8")
    .trim()
    .split("\n");
  expect(lines.length).toBeGreaterThan(first - 1);
  expect(lines.some((l) => l.includes("GET"))).toBe(true);
  expect(lines.join("\n")).not.toContain("\u001b[");
  await closeTheTab();
});

it("pretty-prints JSON lines on request, and downloads the whole log from the server whatever the tail", async () => {
  // A JSON line in the log of our own pod, written where kwok reads it (the kubelet's CRI format).
  appendFileSync(patientLog(), `${new Date().toISOString()} stdout F {"level":"warn","msg":"cache miss","key":"user:42","ms":17}\n`);
  await openList(page, podRoute("patient", "sandbox-admin", ns));
  await drawer().getByRole("button", { name: "Logs", exact: true }).click();
  const log = dock().getByRole("log", { name: "Log of app" });
  await expect.poll(() => log.innerText(), { timeout: 20_000 }).toContain('{"level":"warn"');
  await panel().getByRole("checkbox", { name: "JSON" }).check();
  // Indented, one key per line; the other lines as they were.
  await expect.poll(() => log.locator("[data-json]").first().innerText(), { timeout: 20_000 }).toMatch(/^\{\n {2}"level": "warn",\n {2}"msg": "cache miss",/);
  await shotBothThemes(shot, page, "logs-json");
  await panel().getByRole("checkbox", { name: "JSON" }).uncheck();

  // Only the last line loaded (not followed: a line every 2 s would add to it); the server's
  // whole log in the file, every line of it, in order.
  await panel().getByRole("checkbox", { name: "Follow" }).uncheck();
  const tail = panel().getByRole("textbox", { name: "Last lines (empty: all)" });
  await tail.fill("1");
  await tail.blur();
  // The one line, then the end of what was read.
  await expect.poll(() => log.innerText(), { timeout: 20_000 }).toMatch(/end of the log \(1 line\)/);
  expect(Number(await log.getAttribute("data-lines"))).toBe(2);
  const fromKubectl = (await kubectl(["logs", "patient", "-n", ns])).trim().split("\n");
  const file = await download("The whole log, from the server");
  expect(file.suggestedFilename()).toBe("patient-app.log");
  const lines = readFileSync((await file.path())!, "utf8")
    .trim()
    .split("\n");
  // The log grows every 2 s: what kubectl read a moment before is the file's beginning.
  expect(lines.length).toBeGreaterThanOrEqual(fromKubectl.length);
  expect(lines.slice(0, fromKubectl.length)).toEqual(fromKubectl);
  expect(lines.some((l) => l.includes('"msg":"cache miss"'))).toBe(true);
  await closeTheTab();
});

it("draws every line with its own text while a burst arrives, following and scrolled back, reusing its elements", async () => {
  const file = patientLog();
  await openList(page, podRoute("patient", "sandbox-admin", ns));
  await drawer().getByRole("button", { name: "Logs", exact: true }).click();
  const log = dock().getByRole("log", { name: "Log of app" });
  const received = async () => Number(await log.getAttribute("data-received"));
  await expect.poll(received, { timeout: 20_000 }).toBeGreaterThan(0);
  /** The lines drawn: [absolute number, text], in the order shown. */
  const drawn = () =>
    log.evaluate((el) => [...el.querySelectorAll<HTMLElement>("[data-line]")].map((l) => [Number(l.dataset.line), l.textContent ?? ""] as [number, string]));
  // The elements drawn now, remembered: a burst that replaces every line in view draws it into them.
  const mark = () => log.evaluate((el) => void ((window as unknown as { kept: WeakSet<Element> }).kept = new WeakSet(el.querySelectorAll("[data-line]"))));
  const kept = () =>
    log.evaluate((el) => [...el.querySelectorAll("[data-line]")].filter((l) => (window as unknown as { kept: WeakSet<Element> }).kept.has(l)).length);
  // Twelve bursts of 250 numbered lines, each waited for: every one shifts the lines in view
  // by more than a screen, so the elements drawn are given other lines again and again.
  const burst = (i: number) =>
    Array.from({ length: 250 }, (_, j) => `${new Date().toISOString()} stdout F burst ${String(i * 250 + j).padStart(5, "0")} of the flood test\n`).join("");
  for (let i = 0; i < 12; i++) {
    const before = await received();
    if (i === 6) await mark();
    appendFileSync(file, burst(i));
    await expect.poll(received, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 250);
  }
  await expect.poll(async () => (await drawn()).some(([, text]) => text.startsWith("burst 02999")), { timeout: 20_000 }).toBe(true);
  // Following: the same elements, now showing lines of the last bursts.
  expect(await kept()).toBeGreaterThan(10);
  // What each drawn line shows is the loaded log's line of that number: nothing has dropped
  // off (that is below 200,000 lines), so the file's first line is number 0.
  expect(Number(await log.getAttribute("data-lines"))).toBe(await received());
  const loaded = readFileSync((await (await download("The lines loaded here")).path())!, "utf8").split("\n");
  const check = async () => {
    const lines = await drawn();
    expect(lines.length).toBeGreaterThan(20);
    for (const [n, text] of lines) expect(text).toBe(loaded[n]);
    // In order, with no line missing between the first and the last drawn.
    expect(lines.map(([n]) => n)).toEqual(lines.map(([n]) => n).sort((a, b) => a - b));
    expect(lines.at(-1)![0] - lines[0][0]).toBe(lines.length - 1);
  };
  await check();
  // Scrolled back into the bursts (which pauses following), then on by a few hundred lines.
  for (const top of [0.5, 0.5 + 200 / 3000, 0.5 + 500 / 3000]) {
    await log.evaluate((el, at) => (el.scrollTop = Math.round(el.scrollHeight * at)), top);
    const total = await received();
    await expect.poll(async () => (await drawn()).some(([n]) => Math.abs(n / total - top) < 0.05), { timeout: 10_000 }).toBe(true);
    await check();
  }
  await shot(page, "logs-burst-scrolled");
  await closeTheTab();
});

it("merges all of a pod's containers, and downloads them merged with each line's container", async () => {
  await openList(page, podRoute("myapp"));
  await drawer().getByRole("button", { name: "Logs", exact: true }).click();
  await page.getByRole("menuitem", { name: /^nginx/ }).click();
  await panel().getByRole("combobox", { name: "Container" }).click();
  await page.getByRole("option", { name: "All containers" }).click();
  const log = dock().getByRole("log", { name: "Log of All containers" });
  await expect.poll(sourcesShown, { timeout: 20_000 }).toBe("2 containers");
  await expect.poll(async () => new Set((await log.innerText()).match(/^\[(nginx|redis)\] /gm)).size, { timeout: 20_000 }).toBe(2);
  await shot(page, "logs-all-containers");
  const file = await download("The whole log, from the server");
  expect(file.suggestedFilename()).toBe("myapp-all.log");
  const text = readFileSync((await file.path())!, "utf8");
  const nginx = (await kubectl(["logs", "myapp", "-n", "demo", "-c", "nginx"])).trim().split("\n");
  const redis = (await kubectl(["logs", "myapp", "-n", "demo", "-c", "redis"])).trim().split("\n");
  // Each container's whole log is in it, tagged as kubectl logs --prefix tags it (in time order, so interleaved).
  const tagged = text.trim().split("\n");
  const same = (container: string, theirs: string[]) => {
    const ours = tagged.filter((l) => l.startsWith(`[${container}] `));
    // The logs grow as the test reads them (a line every 2 s): kubectl, asked after the download, may have a line more.
    const n = Math.min(ours.length, theirs.length);
    expect(theirs.length - n, container).toBeLessThanOrEqual(2);
    expect(ours.slice(0, n)).toEqual(theirs.slice(0, n).map((l) => `[${container}] ${l}`));
  };
  same("nginx", nginx);
  same("redis", redis);
  await closeTheTab();
});

it("merges a Deployment's pods' logs, each line tagged with its pod", async () => {
  await openList(page, "#/context/sandbox-admin/r/apps/v1/deployments/demo/nginx-deployment");
  await drawer().getByRole("button", { name: "Logs", exact: true }).click();
  const log = dock().getByRole("log", { name: "Log of Deployment/nginx-deployment" });
  await shown(log);
  await expect.poll(sourcesShown, { timeout: 20_000 }).toBe("3 containers");
  // Lines from each of the three pods, each with its tag (a pod replaced meanwhile adds its own).
  await expect
    .poll(async () => new Set((await log.innerText()).match(/\[nginx-deployment-[\w-]+\/nginx\] \d/g)?.map((m) => m.split("/")[0])).size, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(3);
  await shotBothThemes(shot, page, "logs-workload");
  await closeTheTab();
});

it("reads a crash-looping container's previous log", async () => {
  await openList(page, podRoute("crashy"));
  await drawer().getByRole("button", { name: "Logs", exact: true }).click();
  await panel().getByRole("checkbox", { name: "Previous container" }).check();
  const log = dock().getByRole("log", { name: "Log of app" });
  await expect.poll(async () => Number(await log.getAttribute("data-lines")), { timeout: 20_000 }).toBeGreaterThan(1);
  await expect.poll(() => log.innerText()).toMatch(/end of the log/);
  await shot(page, "logs-previous");
  await closeTheTab();
});

it("tells the viewer that a shell is not allowed, before and if it is tried", async () => {
  await openList(page, podRoute("nginx", "sandbox-viewer"));
  // Asked of the cluster first: the button stays, disabled, naming the permission.
  await shown(drawer().getByRole("note", { name: /Not allowed: you need create pods\/exec/ }));
  expect(await drawer().getByRole("button", { name: "Shell", exact: true }).isDisabled()).toBe(true);
  // Reading the log is the viewer's to do.
  expect(await drawer().getByRole("button", { name: "Logs", exact: true }).isDisabled()).toBe(false);
  await shot(page, "terminal-forbidden");
  await page.keyboard.press("Escape");
});

/** Runs a debug action from the open object's panel: the request it shows, then the action; returns the request's text. */
async function debugFrom(action: string, fill?: () => Promise<void>): Promise<string> {
  await drawer().getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`^${action} `) });
  await fill?.();
  await dialog.getByRole("button", { name: "Show the request" }).click();
  const request = await dialog.getByLabel("The request").innerText();
  await shot(page, `debug-${action.toLowerCase().replace(/\W+/g, "-")}`);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  return request;
}

it("adds an ephemeral debug container exactly as previewed, and opens its console", async () => {
  await openList(page, podRoute("patient", "sandbox-admin", ns));
  const request = await debugFrom("Debug");
  expect(request).toContain(`PATCH /api/v1/namespaces/${ns}/pods/patient/ephemeralcontainers`);
  const name = /name: (debugger-\w+)/.exec(request)![1];
  expect(JSON.parse(await jsonpath(["pod", "patient", "-n", ns], "{.spec.ephemeralContainers}"))).toEqual([
    expect.objectContaining({ name, image: "busybox:1.36", stdin: true, tty: true, targetContainerName: "app" }),
  ]);
  // Its console opens at once, waiting for the container (kwok does not run ephemeral containers).
  await shown(dock().getByRole("tab", { name: new RegExp(`Console patient · ${name}`) }));
  await shown(
    panel()
      .getByRole("status")
      .filter({ hasText: /Waiting for the container to start|Attached/ }),
  );
  await shot(page, "debug-console");
  await closeTheTab();
});

it("creates a debug copy (labels and probes left out, a debug container added) and attaches to it", async () => {
  await openList(page, podRoute("patient", "sandbox-admin", ns));
  const request = await debugFrom("Debug a copy");
  expect(request).toContain(`POST /api/v1/namespaces/${ns}/pods`);
  await expect.poll(() => jsonpath(["pod", "patient-debug", "-n", ns], "{.spec.containers[*].name}")).toBe("app debugger");
  // The copy has none of the original's labels (the practice cluster adds topology ones of its own) and no probe.
  expect(await jsonpath(["pod", "patient-debug", "-n", ns], "{.metadata.labels.app}|{.spec.shareProcessNamespace}|{.spec.containers[0].readinessProbe}")).toBe(
    "|true|",
  );
  await shown(dock().getByRole("tab", { name: /Console patient-debug · debugger/ }));
  await shown(panel().getByRole("status").filter({ hasText: "Attached to the container's console" }), 60_000);
  // Clean-up is offered: the copy is deleted (through the action table), and its tab closes.
  await shown(panel().getByText("patient-debug was made for debugging"));
  await shot(page, "debug-cleanup");
  await panel().getByRole("button", { name: "Delete the debug pod" }).click();
  await expect.poll(() => dock().count()).toBe(0);
  await expect
    .poll(() => jsonpath(["pod", "patient-debug", "-n", ns, "--ignore-not-found"], "{.metadata.name}:{.metadata.deletionTimestamp}"))
    .not.toMatch(/^patient-debug:$/);
});

it("debugs a node from a pod on it with the host's namespaces", async () => {
  await openList(page, "#/context/sandbox-admin/r/core/v1/nodes/_/sandbox-worker-3");
  const request = await debugFrom("Debug node", async () => {
    const dialog = page.getByRole("dialog", { name: /^Debug node / });
    await dialog.getByRole("textbox", { name: "Namespace of the debug pod" }).fill(ns);
  });
  const name = /name: (node-debugger-sandbox-worker-3-\w+)/.exec(request)![1];
  await expect
    .poll(() => jsonpath(["pod", name, "-n", ns], "{.spec.nodeName} {.spec.hostPID} {.spec.hostNetwork} {.spec.volumes[0].hostPath.path}"))
    .toBe("sandbox-worker-3 true true /");
  await shown(dock().getByRole("tab", { name: new RegExp(`Console ${name} · debugger`) }));
  await closeTheTab();
});

it("forwards a pod's and a Service's port from 127.0.0.1, lists them live, and stops them", async () => {
  const forwardsButton = page.getByRole("button", { name: "Port forwards" });
  const start = async (route: string) => {
    await openList(page, route);
    await drawer().getByRole("button", { name: "Port forward", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: /^Port forward / });
    await dialog.getByRole("button", { name: "Start forwarding" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.keyboard.press("Escape");
  };
  await start(podRoute("nginx"));
  await start(`#/context/sandbox-admin/r/core/v1/services/${ns}/patient`);
  await forwardsButton.click();
  const list = page.getByRole("table", { name: "Port forwards" });
  await expect.poll(() => list.getByRole("row").count()).toBe(2);
  const service = list.getByRole("row").filter({ hasText: "svc/patient:8000" });
  await expect.poll(() => service.innerText()).toContain("to pod patient:80");
  for (const row of [service, list.getByRole("row").filter({ hasText: "pod/nginx:80" })]) {
    const address = (await row.getByRole("link").getAttribute("href"))!;
    expect(await (await fetch(address)).text()).toContain("Welcome to the Kubedeck practice cluster");
  }
  await expect.poll(() => service.innerText()).toMatch(/[1-9][\d.]* (B|KiB) in/);
  await shotBothThemes(shot, page, "forwards");
  const address = (await service.getByRole("link").getAttribute("href"))!;
  await service.getByRole("button", { name: "Stop" }).click();
  await expect.poll(() => list.getByRole("row").count()).toBe(1);
  await expect(fetch(address)).rejects.toThrow();
  await list.getByRole("button", { name: "Stop" }).click();
  await expect.poll(() => forwardsButton.count()).toBe(0);
});

it("reads right in Chinese", async () => {
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文（简体）" }).click();
  await openList(page, podRoute("nginx"));
  await drawer().getByRole("button", { name: "日志", exact: true }).click();
  const zh = page.getByRole("complementary", { name: "终端与日志" });
  await expect.poll(async () => Number(await zh.getByRole("log").getAttribute("data-lines")), { timeout: 20_000 }).toBeGreaterThan(0);
  await shotBothThemes(shot, page, "logs-zh");
  await zh.getByRole("button", { name: /^关闭 / }).click();
  // A click in the dock closed the pod's details: opened again.
  await openList(page, "#/context/sandbox-admin/r/core/v1/pods");
  await openList(page, podRoute("nginx"));
  await drawer().getByRole("button", { name: "终端", exact: true }).click();
  await shown(zh.getByRole("status").filter({ hasText: "正在运行 bash" }));
  await shotBothThemes(shot, page, "terminal-zh");
  await zh.getByRole("button", { name: /^关闭 / }).click();
  await page.getByRole("combobox", { name: "语言" }).click();
  await page.getByRole("option", { name: "English" }).click();
  // The cluster's own objects were only read.
  expect((await kubectl(["get", "pod", "nginx", "-n", "demo", "-o", "name"])).trim()).toBe("pod/nginx");
});
