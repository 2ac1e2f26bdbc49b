// The resource browser in a real browser against the practice cluster: every seeded kind
// lists, statuses and selectors agree with kubectl, the list follows the cluster live,
// details, a CRD created on the fly, events, the palette, and the viewer's narrow rights.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { kinds } from "../src-shared/kinds/registry.ts";
import { exampleCrd } from "./fixtures/crd.ts";
import { inChinese, launchChromium, screenshotter, startServe, type Serve } from "./browser.ts";
import { kubectl, openList, shotBothThemes } from "./suite.ts";
import { parseSchedulerMessage } from "../src-shared/k8s/pod-problems.ts";
import { startChartRepo, type ChartRepo } from "./chart-repo.ts";
import { ensureBinaries } from "./sandbox/build.ts";
import { run } from "./sandbox/run.ts";
import { chartDir, helmEnv } from "./sandbox/seed.ts";

const shot = screenshotter("resources");
let serve: Serve;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const userData = mkdtempSync(join(tmpdir(), "kubedeck-user-data-"));

const names = async (args: string[]) =>
  (await kubectl([...args, "-o", 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}']))
    .split("\n")
    .filter(Boolean)
    .map((n) => n.replace(/^\//, ""))
    .sort();

async function newPage(colorScheme: "light" | "dark" = "light", init?: () => void): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1440, height: 1300 }, colorScheme, locale: "en-US" });
  if (init) await p.addInitScript(init);
  p.on("pageerror", (e) => errors.push(String(e)));
  p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await p.goto(serve.url);
  return p;
}

const grid = (p = page) => p.locator("[role=grid]");

/** Opens a route and waits until its list is complete and live. */
const open = (hash: string, p = page) => openList(p, hash);
const listRoute = (group: string, version: string, resource: string, context = "sandbox-admin") =>
  `#/context/${context}/r/${group || "core"}/${version}/${resource}`;
/** Keys of the rows in the DOM (the viewport is tall enough for every seeded list that is compared). */
const shownKeys = async (p = page) =>
  (
    await grid(p)
      .locator("[role=row][data-key]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key")!))
  ).sort();
/** "same" when the rows shown are the objects kubectl lists now; else both lists, for the failure message. */
async function agreeWithKubectl(args: string[]): Promise<string> {
  const [ours, theirs] = [await shownKeys(), await names(args)];
  return JSON.stringify(ours) === JSON.stringify(theirs) ? "same" : `ours ${ours.join(" ")} | kubectl ${theirs.join(" ")}`;
}
const cellOf = async (key: string, column: string) => {
  const headers = await grid().locator("[role=columnheader]").allTextContents();
  const i = headers.findIndex((h) => h.trim() === column);
  return grid().locator(`[role=row][data-key="${key}"] [role=gridcell]`).nth(i).textContent();
};

beforeAll(async () => {
  serve = await startServe(["--kubeconfig", inject("kubeconfig"), "--user-data", userData]);
  browser = await launchChromium();
  page = await newPage();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  rmSync(userData, { recursive: true, force: true });
});

describe("lists", () => {
  it("lists every seeded kind, with the same objects kubectl lists", async () => {
    // Helm releases are not served by the API server (kubectl cannot list them): the Helm test below compares them with helm.
    for (const kind of kinds.filter((k) => !k.readOnly)) {
      await open(listRoute(kind.group, kind.version, kind.resource));
      const theirs = await names(["get", kind.group ? `${kind.resource}.${kind.group}` : kind.resource, ...(kind.namespaced ? ["-A"] : [])]);
      expect(theirs.length, kind.kind).toBeGreaterThan(0);
      // Events come and go by themselves; the others must match one for one.
      if (kind.resource === "events") continue;
      const get = ["get", kind.group ? `${kind.resource}.${kind.group}` : kind.resource, ...(kind.namespaced ? ["-A"] : [])];
      await expect
        .poll(async () => Number(await grid().getAttribute("data-total")) === (await names(get)).length, { message: kind.kind, timeout: 20_000 })
        .toBe(true);
      if (theirs.length <= 30) await expect.poll(() => agreeWithKubectl(get), { message: kind.kind, timeout: 20_000 }).toBe("same");
    }
    await open(listRoute("", "v1", "pods"));
    await shot(page, "pods-light");
  });

  it("shows the status kubectl shows for the crash-looping, Pending and completed pods", async () => {
    await open(listRoute("", "v1", "pods"));
    const completed = (await names(["get", "pods", "-n", "demo", "-l", "job-name"])).find((n) => n.startsWith("demo/pi-"))!;
    for (const key of ["demo/crashy", "demo/unschedulable", completed]) {
      const [ns, name] = key.split("/");
      // A crash loop moves between Running, Error and CrashLoopBackOff: both sides are read until they agree.
      await expect
        .poll(
          async () => {
            const theirs = (await kubectl(["get", "pod", name, "-n", ns, "--no-headers"])).trim().split(/\s+/)[2];
            return (await cellOf(key, "STATUS")) === theirs ? theirs : `ours ${await cellOf(key, "STATUS")} vs kubectl ${theirs}`;
          },
          { timeout: 30_000 },
        )
        .toMatch(/^[A-Za-z:0-9/]+$/);
    }
    expect(await cellOf("demo/unschedulable", "STATUS")).toBe("Pending");
    expect(await cellOf(completed, "STATUS")).toBe("Completed");
    // Each word is coloured by what it says, as the theme resolves that colour (the cells are plain spans styled by a stylesheet).
    const colour = (key: string) =>
      grid()
        .locator(`[role=row][data-key="${key}"] [data-state]`)
        .evaluate((el) => {
          const state = el.getAttribute("data-state") ?? "";
          const variable = { bad: "--kd-state-bad", waiting: "--kd-state-waiting", good: "--kd-state-good", done: "--mantine-color-dimmed" }[state];
          const probe = el.parentElement!.appendChild(document.createElement("span"));
          probe.style.color = `var(${variable})`;
          const want = getComputedStyle(probe).color;
          probe.remove();
          return `${state} ${getComputedStyle(el).color === want ? "as its theme says" : `${getComputedStyle(el).color}, not ${want}`}`;
        });
    expect(await colour("demo/unschedulable")).toBe("waiting as its theme says");
    expect(await colour(completed)).toBe("done as its theme says");
    await expect.poll(() => colour("demo/myapp"), { timeout: 30_000 }).toBe("good as its theme says");
  });

  it("selects by label the same pods kubectl selects, for every selector syntax", async () => {
    await open(listRoute("", "v1", "pods"));
    const input = page.getByRole("textbox", { name: "Label selector" });
    for (const selector of ["env=test", "env!=prod", "env", "!env", "env in (test,prod)", "env notin (test)", "app=myapp,env=test", "tier,env notin (prod)"]) {
      await input.fill(selector);
      // Rollouts elsewhere in the run may still be replacing pods: both sides are read until they agree.
      await expect.poll(() => agreeWithKubectl(["get", "pods", "-A", "-l", selector]), { message: selector, timeout: 20_000 }).toBe("same");
    }
    await input.fill("env in (test");
    await expect.poll(() => page.getByText(/Not a valid selector at character/).count()).toBe(1);
    // The last valid selector stays in force.
    await expect.poll(() => agreeWithKubectl(["get", "pods", "-A", "-l", "tier,env notin (prod)"]), { timeout: 20_000 }).toBe("same");
    await shotBothThemes(shot, page, "selector-error");
    await input.fill("");
  });

  it("shows a new object and drops a deleted one without a reload", async () => {
    await open(listRoute("", "v1", "configmaps"));
    const name = `live-${Date.now().toString(36)}`;
    await kubectl(["create", "configmap", name, "-n", "demo", "--from-literal=a=b"]);
    await expect.poll(() => grid().locator(`[data-key="demo/${name}"]`).count(), { timeout: 15_000 }).toBe(1);
    await kubectl(["delete", "configmap", name, "-n", "demo"]);
    await expect.poll(() => grid().locator(`[data-key="demo/${name}"]`).count(), { timeout: 15_000 }).toBe(0);
  });

  it("sorts on a column, filters by text and remembers the chosen columns", async () => {
    await open(listRoute("", "v1", "pods"));
    await grid().getByRole("button", { name: "NAME", exact: true }).click();
    await expect.poll(() => grid().locator("[role=columnheader][aria-sort=ascending]").textContent()).toBe("NAME");
    const keys = await grid()
      .locator("[role=row][data-key]")
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll("[role=gridcell]")[2].textContent!));
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, "en", { numeric: true })));
    await page.getByRole("textbox", { name: "Filter" }).fill("nginx-deployment");
    await expect.poll(async () => (await shownKeys()).every((k) => k.includes("nginx-deployment"))).toBe(true);
    await page.getByRole("textbox", { name: "Filter" }).fill("");
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("menuitem", { name: "NODE", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect.poll(() => grid().getByRole("button", { name: "NODE", exact: true }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => grid().getAttribute("data-live"), { timeout: 30_000 }).toBe("true");
    expect(await grid().getByRole("button", { name: "NODE", exact: true }).count()).toBe(1);
  });
});

describe("details", () => {
  it("shows both containers of the two-container pod, its relations and YAML", async () => {
    await open(listRoute("", "v1", "pods"));
    await grid().locator('[data-key="demo/myapp"]').click();
    const drawer = page.getByRole("dialog");
    const containers = JSON.parse(
      await kubectl(["get", "pod", "myapp", "-n", "demo", "-o", "jsonpath={.spec.containers[*].name}"]).then((s) => JSON.stringify(s.split(" "))),
    );
    expect(containers).toHaveLength(2);
    for (const c of containers) await expect.poll(() => drawer.getByRole("region", { name: `Container ${c}` }).count()).toBe(1);
    const node = await kubectl(["get", "pod", "myapp", "-n", "demo", "-o", "jsonpath={.spec.nodeName}"]);
    await expect.poll(() => drawer.getByRole("button", { name: `Node/${node}` }).count()).toBe(1);
    await shot(page, "pod-details");
    await drawer.getByRole("tab", { name: "YAML" }).click();
    await expect.poll(() => drawer.getByText("kind: Pod").count()).toBe(1);
    await shot(page, "pod-details-yaml");
    await drawer.getByRole("tab", { name: "Overview" }).click();
    // Relations are links: the node opens in its own list.
    await drawer.getByRole("button", { name: `Node/${node}` }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/context/sandbox-admin/r/core/v1/nodes/_/${node}`);
    await expect.poll(() => page.getByRole("dialog").getByText("Node", { exact: true }).count()).toBeGreaterThan(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  });

  it("explains why a pod is Pending, node by node as kubectl's labels and taints say, and why one crash-loops, with its last lines", async () => {
    await open(listRoute("", "v1", "pods"));
    await grid().locator('[data-key="demo/unschedulable"]').click();
    const problems = page.getByRole("dialog").getByRole("region", { name: "Problems" });
    await expect.poll(() => problems.getByText("Not scheduled: no node can take this pod").count(), { timeout: 20_000 }).toBe(1);
    // The scheduler's counts, as its current message says them (other suites label, taint and
    // cordon nodes meanwhile), and each node's own reason, as kubectl's nodes say it now.
    const counts = async () =>
      parseSchedulerMessage(
        (await kubectl(["get", "pod", "unschedulable", "-n", "demo", "-o", 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].message}'])).trim(),
      )?.reasons.map((r) => r.count);
    await expect
      .poll(
        async () =>
          JSON.stringify((await problems.getByRole("listitem").allInnerTexts()).map((t) => Number(t.split(":")[0]))) === JSON.stringify(await counts()),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    const table = problems.getByRole("table", { name: "Each node, and what keeps the pod off it" });
    await expect.poll(() => table.getByRole("row").count(), { timeout: 20_000 }).toBe(6);
    const expectedRows = async () => {
      const nodes = JSON.parse(await kubectl(["get", "nodes", "-o", "json"])) as {
        items: {
          metadata: { name: string; labels: Record<string, string> };
          spec: { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
        }[];
      };
      // A cordoned node's reasons include the cordon's own taint: left to the integration test.
      return nodes.items
        .filter((n) => !n.spec.unschedulable)
        .map((n) => {
          const disk = n.metadata.labels.disktype;
          const why = [
            disk ? `needs disktype=nvme, has ${disk}` : "no label disktype=nvme",
            ...(n.spec.taints ?? [])
              .filter((t) => t.effect !== "PreferNoSchedule")
              .map((t) => `taint ${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}, not tolerated`),
          ].join("; ");
          return `${n.metadata.name}\t${why}`;
        });
    };
    await expect
      .poll(
        async () => {
          const shown = await table.getByRole("row").allInnerTexts();
          return (await expectedRows()).every((row) => shown.includes(row));
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await shotBothThemes(shot, page, "pod-pending-explained");
    // A node's name opens it.
    await table.getByRole("button", { name: "sandbox-worker-4" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/context/sandbox-admin/r/core/v1/nodes/_/sandbox-worker-4");
    await open(listRoute("", "v1", "pods"));
    await grid().locator('[data-key="demo/crashy"]').click();
    await expect.poll(() => problems.getByText(/^app keeps failing: restarted \d+ times$/).count(), { timeout: 20_000 }).toBe(1);
    expect(await problems.getByText("The last run ended with exit code 1: the program stopped on an error it reported itself.").count()).toBe(1);
    const lines = problems.getByLabel("Last lines of the failed run (kubectl logs --previous)");
    await expect.poll(() => lines.innerText(), { timeout: 20_000 }).toContain("FATAL giving up after 3 attempts, exiting with code 1");
    await shotBothThemes(shot, page, "pod-crash-loop-explained");
    // A pod that runs well has none.
    await open(listRoute("", "v1", "pods"));
    await grid().locator('[data-key="demo/myapp"]').click();
    await expect.poll(() => page.getByRole("dialog").getByRole("region", { name: "Container nginx" }).count(), { timeout: 20_000 }).toBe(1);
    expect(await problems.count()).toBe(0);
    await page.keyboard.press("Escape");
  });

  it("explains an image that does not pull from the runtime's words, through ErrImagePull and ImagePullBackOff", async () => {
    // The practice cluster's image-pull stage plays a kubelet whose registry has no such tag.
    const ns = `kd-pull-${Date.now().toString(36)}`;
    await kubectl(["create", "namespace", ns]);
    try {
      const pod = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "bad-tag", namespace: ns, labels: { "sandbox.kubedeck.dev/image-pull": "not-found" } },
        spec: { containers: [{ name: "web", image: "nginx:no-such-tag" }] },
      };
      await kubectl(["apply", "-f", "-"], JSON.stringify(pod));
      await page.evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/core/v1/pods/${ns}/bad-tag`);
      const problems = page.getByRole("region", { name: "Problems" });
      // Both of the kubelet's states say the cause, the back-off with the pull's error inside it.
      for (const reason of ["ErrImagePull", "ImagePullBackOff"])
        await expect.poll(() => problems.getByText(`Image nginx:no-such-tag cannot be pulled (${reason})`).count(), { timeout: 30_000 }).toBe(1);
      expect(await problems.getByText("The registry has no image or tag nginx:no-such-tag: check the name and the tag.").count()).toBe(1);
      await expect.poll(() => problems.getByText(/^Back-off pulling image "nginx:no-such-tag": ErrImagePull: rpc error: code = NotFound/).count()).toBe(1);
      await shotBothThemes(shot, page, "pod-image-pull-explained");
      await page.keyboard.press("Escape");
    } finally {
      await kubectl(["delete", "namespace", ns, "--wait=false"]);
    }
  });

  it("lists a CRD created during the test under Custom resources, with its printer columns", async () => {
    const group = `b${Date.now().toString(36)}.kubedeck.dev`;
    const crd = exampleCrd(group, { plural: "widgets", kind: "Widget" });
    await open(listRoute("", "v1", "pods"));
    await kubectl(["apply", "-f", "-"], JSON.stringify(crd));
    try {
      await kubectl(["wait", "--for=condition=Established", `crd/widgets.${group}`, "--timeout=30s"]);
      await kubectl(
        ["apply", "-f", "-"],
        JSON.stringify({ apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "blue-one", namespace: "demo" }, spec: { size: 3, color: "blue" } }),
      );
      const nav = page.getByRole("navigation", { name: "Resources" });
      await expect.poll(() => nav.getByText(group).count(), { timeout: 30_000 }).toBe(1);
      await nav.getByRole("button", { name: /^Widget/ }).click();
      // Polled: until the Widgets list replaces it, the Pods list is still the grid, and live.
      await expect
        .poll(() => grid().locator("[role=columnheader]").allTextContents(), { timeout: 30_000 })
        .toEqual(["", "NAMESPACE", "NAME", "SIZE", "COLOR", "AGE"]);
      await expect.poll(() => grid().getAttribute("data-live"), { timeout: 30_000 }).toBe("true");
      await expect.poll(() => cellOf("demo/blue-one", "SIZE")).toBe("3");
      expect(await cellOf("demo/blue-one", "COLOR")).toBe("blue");
      await shotBothThemes(shot, page, "custom-resource");
    } finally {
      await kubectl(["delete", "crd", `widgets.${group}`, "--wait=false"]);
    }
  });
});

describe("sidebar counts", () => {
  /** Every ConfigMap in the cluster, as kubectl counts them. */
  const theirs = async () => (await kubectl(["get", "configmaps", "-A", "-o", "name"])).split("\n").filter(Boolean).length;

  it("follow the cluster live: ConfigMaps made and deleted elsewhere are counted within seconds, not at the next poll", async () => {
    await open(listRoute("", "v1", "pods"));
    const badge = page
      .getByRole("navigation", { name: "Resources" })
      .getByRole("button", { name: /^ConfigMaps/ })
      .getByLabel(/objects$/);
    const shown = async () => Number((await badge.getAttribute("aria-label"))?.split(" ")[0]);
    // Other suites may change ConfigMaps meanwhile: each step waits for the two to agree.
    const agree = (timeout: number) => expect.poll(async () => (await shown()) === (await theirs()), { timeout }).toBe(true);
    await agree(20_000);
    // The open list's own kind is counted by the list itself (main watches pods once, for it).
    const podsBadge = page
      .getByRole("navigation", { name: "Resources" })
      .getByRole("button", { name: /^Pods/ })
      .getByLabel(/objects$/);
    await expect.poll(async () => (await podsBadge.getAttribute("aria-label")) === `${await grid().getAttribute("data-total")} objects`).toBe(true);
    const names = ["count-a", "count-b", "count-c"].map((n) => `${n}-${Date.now().toString(36)}`);
    try {
      // Three changes in a row, each seen within 5 s: a count polled every 30 s would miss most.
      await kubectl(["create", "configmap", names[0], "-n", "demo"]);
      await agree(5000);
      await kubectl(["create", "configmap", names[1], "-n", "demo"]);
      await kubectl(["create", "configmap", names[2], "-n", "demo"]);
      await agree(5000);
      await kubectl(["delete", "configmap", ...names, "-n", "demo"]);
      await agree(5000);
    } finally {
      await kubectl(["delete", "configmap", ...names, "-n", "demo", "--ignore-not-found"]);
    }
  });

  it("follow the open list's own count without drawing the rest of the sidebar again", async () => {
    // React's devtools hook, there before the app loads, sees every commit. The sidebar's
    // component is known by its props (minified code has no names); it was drawn with new
    // props when the props object is not the one it had at the last commit.
    const watched = await newPage("light", () => {
      const w = window as unknown as { navDraws: number; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
      type Fiber = { memoizedProps: unknown; alternate: Fiber | null; child: Fiber | null; sibling: Fiber | null };
      const last = new WeakMap<Fiber, unknown>();
      const isNav = (p: unknown) => !!p && typeof p === "object" && ["context", "resources", "scope", "route"].every((k) => k in p);
      w.navDraws = 0;
      const walk = (f: Fiber | null) => {
        for (; f; f = f.sibling) {
          if (isNav(f.memoizedProps)) {
            const before = last.get(f) ?? (f.alternate && last.get(f.alternate));
            if (before && before !== f.memoizedProps) w.navDraws++;
            last.set(f, f.memoizedProps);
            if (f.alternate) last.set(f.alternate, f.memoizedProps);
          }
          walk(f.child);
        }
      };
      w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
        supportsFiber: true,
        renderers: new Map(),
        inject: () => 1,
        checkDCE: () => {},
        onScheduleFiberRoot: () => {},
        onCommitFiberUnmount: () => {},
        onPostCommitFiberRoot: () => {},
        onCommitFiberRoot: (_id: number, root: { current: Fiber }) => walk(root.current),
      };
    });
    const names = Array.from({ length: 8 }, (_, i) => `live-count-${i}-${Date.now().toString(36)}`);
    try {
      await open(listRoute("", "v1", "configmaps"), watched);
      const badge = watched
        .getByRole("navigation", { name: "Resources" })
        .getByRole("button", { name: /^ConfigMaps/ })
        .getByLabel(/objects$/);
      const total = async () => Number(await grid(watched).getAttribute("data-total"));
      const shows = async (n: number) => expect.poll(() => badge.getAttribute("aria-label"), { timeout: 10_000 }).toBe(`${n} objects`);
      await expect.poll(async () => (await badge.getAttribute("aria-label")) === `${await total()} objects`, { timeout: 20_000 }).toBe(true);
      const before = await watched.evaluate(() => (window as unknown as { navDraws: number }).navDraws);
      // Each ConfigMap made moves the count once, and the badge shows each count in turn.
      for (const name of names) {
        await kubectl(["create", "configmap", name, "-n", "demo"]);
        // Counted once the list agrees with kubectl. Its total alone need not grow: another
        // suite's namespace, each with a ConfigMap of its own, may go meanwhile (seen in CI).
        await expect.poll(async () => (await total()) === (await theirs()), { timeout: 10_000 }).toBe(true);
        await shows(await total());
      }
      const draws = (await watched.evaluate(() => (window as unknown as { navDraws: number }).navDraws)) - before;
      // Drawn with new props for every count, the rest of the sidebar was drawn eight times
      // here; now its props stay (another suite's new namespace may still change them once).
      expect(draws).toBeLessThanOrEqual(1);
    } finally {
      await kubectl(["delete", "configmap", ...names, "-n", "demo", "--ignore-not-found"]);
      await watched.close();
    }
  });

  it("keep the other kinds' counts while another list opens, rather than blanking and drawing them again", async () => {
    const fresh = await newPage();
    try {
      await open(listRoute("", "v1", "configmaps"), fresh);
      const nav = fresh.getByRole("navigation", { name: "Resources" });
      const badgeOf = (kind: RegExp) => nav.getByRole("button", { name: kind }).getByLabel(/objects$/);
      await expect.poll(() => badgeOf(/^Services/).count(), { timeout: 20_000 }).toBe(1);
      const services = await badgeOf(/^Services/).getAttribute("aria-label");
      // Every count badge taken away from here on, by the link it was in (or how many went at
      // once, should the sidebar itself be drawn anew).
      await fresh.evaluate(() => {
        const w = window as unknown as { removedCounts: string[] };
        w.removedCounts = [];
        const badge = '[aria-label$="objects"]';
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of r.removedNodes) {
              if (!(n instanceof Element)) continue;
              const gone = n.matches(badge) ? 1 : n.querySelectorAll(badge).length;
              if (gone === 1) w.removedCounts.push((r.target as Element).closest("button")?.textContent ?? "?");
              else if (gone > 1) w.removedCounts.push(`${gone} at once`);
            }
        }).observe(document.body, { subtree: true, childList: true });
      });
      // Secrets, never opened in this page: the sidebar asks main for another set of counts.
      await nav.getByRole("button", { name: /^Secrets/ }).click();
      await expect.poll(() => grid(fresh).getAttribute("aria-label"), { timeout: 20_000 }).toBe("Secrets");
      await expect.poll(() => badgeOf(/^ConfigMaps/).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => badgeOf(/^Secrets/).count(), { timeout: 20_000 }).toBe(1);
      expect(await badgeOf(/^Services/).getAttribute("aria-label")).toBe(services);
      // Only the two lists' own badges may go and come back (each changes who counts it: the
      // list or the sidebar); before, all thirty-odd went blank and came back in turn.
      const removed = await fresh.evaluate(() => (window as unknown as { removedCounts: string[] }).removedCounts);
      expect(removed.filter((name) => !/^(ConfigMaps|Secrets)/.test(name))).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe("opening a list from the sidebar", () => {
  it("asks for its rows as the address changes, before the list is drawn, and the list takes that watch over", async () => {
    await open(listRoute("", "v1", "pods"));
    type Seen = { resource: string; drawn: boolean };
    // Every watch the page asks for from here on, and whether the ConfigMaps list was drawn by then.
    await page.evaluate(() => {
      const w = window as unknown as { seenWatches: Seen[]; plainSend: WebSocket["send"] };
      w.seenWatches = [];
      w.plainSend = WebSocket.prototype.send;
      WebSocket.prototype.send = function (data) {
        const m = typeof data === "string" ? (JSON.parse(data) as { t?: string; name?: string; input?: { resource?: string } }) : undefined;
        if (m?.t === "sub" && m.name === "resources.watch")
          w.seenWatches.push({ resource: m.input?.resource ?? "", drawn: !!document.querySelector('[role="grid"][aria-label="ConfigMaps"]') });
        return w.plainSend.call(this, data);
      };
    });
    try {
      await page
        .getByRole("navigation", { name: "Resources" })
        .getByRole("button", { name: /^ConfigMaps/ })
        .click();
      await page.locator('[role="grid"][aria-label="ConfigMaps"][data-live="true"]').waitFor();
      expect(Number(await grid().getAttribute("data-total"))).toBeGreaterThan(0);
      const seen = await page.evaluate(() => (window as unknown as { seenWatches: Seen[] }).seenWatches.filter((w) => w.resource === "configmaps"));
      // Asked once, before the list was there: the list found the stream running and took it.
      expect(seen).toEqual([{ resource: "configmaps", drawn: false }]);
    } finally {
      await page.evaluate(() => (WebSocket.prototype.send = (window as unknown as { plainSend: WebSocket["send"] }).plainSend));
    }
  });
});

describe("opening a list by its address", () => {
  it("draws the first rows before the list's tools and filters, which then come without moving the rows, their permissions already asked", async () => {
    const fresh = await newPage();
    try {
      await fresh.getByText("sandbox-admin").first().waitFor();
      // Where the table was, whether the filters were there, and which permissions the page
      // had asked the cluster about (the page's own WebSocket), when the first row was drawn.
      const first = await fresh.evaluate(
        (hash) =>
          new Promise<{ filters: boolean; columns: boolean; top: number; asked: string[] }>((resolve) => {
            const asked: string[] = [];
            const socket = window.WebSocket.prototype;
            const send = socket.send;
            socket.send = function (data) {
              const m =
                typeof data === "string"
                  ? (JSON.parse(data) as { name?: string; input?: { checks?: { verb: string; resource: string; subresource?: string }[] } })
                  : undefined;
              if (m?.name === "access.check") asked.push(...m.input!.checks!.map((c) => [c.verb, c.resource, c.subresource].filter(Boolean).join(" ")));
              return send.call(this, data);
            };
            const seen = new MutationObserver(() => {
              if (!document.querySelector('[role="grid"] [role="row"][data-key]')) return;
              seen.disconnect();
              socket.send = send;
              resolve({
                filters: !!document.querySelector('[data-keys="filter"]'),
                columns: [...document.querySelectorAll("button")].some((b) => b.textContent === "Columns"),
                top: document.querySelector('[role="grid"]')!.getBoundingClientRect().top,
                asked,
              });
            });
            seen.observe(document.body, { subtree: true, childList: true });
            location.hash = hash;
          }),
        listRoute("", "v1", "pods"),
      );
      expect(first).toMatchObject({ filters: false, columns: false });
      // The toolbar's buttons ("Run a pod", Create) had their permission asked for as the list
      // opened, not once they drew: they are not left dimmed a round trip after the rows.
      expect(first.asked).toContain("create pods");
      await fresh.locator('[data-keys="filter"]').waitFor();
      await fresh.getByRole("button", { name: "Columns" }).waitFor();
      // The filters' line was held for them: the table has not moved (by a fraction of a pixel
      // at most, the inputs' borders rounded; a line drawn late would move it by 30 px).
      expect(await grid(fresh).evaluate((g) => g.getBoundingClientRect().top)).toBeCloseTo(first.top, 0);
      // And they work: the filter narrows the rows.
      const total = Number(await grid(fresh).getAttribute("data-total"));
      await fresh.locator('[data-keys="filter"]').fill("myapp");
      await expect.poll(() => shownKeys(fresh)).toContain("demo/myapp");
      expect((await shownKeys(fresh)).length).toBeLessThan(total);
    } finally {
      await fresh.close();
    }
  });
});

describe("Helm releases", () => {
  it("lists releases as helm list does, and shows a release's objects, values and history with a diff", async () => {
    await open(listRoute("helm.sh", "v1", "releases"));
    // The sidebar places them under Helm.
    await expect
      .poll(() =>
        page
          .getByRole("navigation", { name: "Resources" })
          .getByRole("button", { name: /^Releases\b/ })
          .count(),
      )
      .toBe(1);
    expect(await cellOf("shop/storefront", "REVISION")).toBe("2");
    expect(await cellOf("shop/storefront", "STATUS")).toBe("deployed");
    expect(await cellOf("shop/storefront", "CHART")).toBe("storefront-0.2.0");
    expect(await cellOf("shop/storefront", "APP VERSION")).toBe("1.4.0");
    // Read from Helm's storage: nothing to create or edit as YAML.
    expect(await page.getByRole("button", { name: "Create", exact: true }).count()).toBe(0);
    // Which helm makes changes, and where it came from.
    const helmButton = page.getByRole("button", { name: "helm v4.3.1" });
    await expect.poll(() => helmButton.count(), { timeout: 15_000 }).toBe(1);
    await helmButton.click();
    await expect.poll(() => page.getByText("helm v4.3.1, given with serve's --helm:").count()).toBe(1);
    await shot(page, "helm-binary");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByText("helm v4.3.1, given with serve's --helm:").count()).toBe(0);
    await shot(page, "helm-releases");
    await grid().locator('[data-key="shop/storefront"]').click();
    const drawer = page.getByRole("dialog", { name: /storefront/ });
    await expect.poll(() => drawer.locator("[data-helm-status]").getAttribute("data-helm-status")).toBe("deployed");
    expect(await drawer.getByRole("button", { name: "Edit", exact: true }).count()).toBe(0);
    expect(await drawer.getByRole("tab", { name: "Events" }).count()).toBe(0);
    // Its objects link to the live ones.
    const objects = drawer.getByRole("table", { name: "Objects the release made" });
    await expect.poll(() => objects.getByRole("row").count()).toBe(4);
    // Each with its state now, as kubectl's READY or STATUS column says it.
    await expect
      .poll(() =>
        objects
          .getByRole("row", { name: /Deployment/ })
          .locator("[data-object-status]")
          .textContent(),
      )
      .toMatch(/^ready \d\/2$/);
    await expect
      .poll(() =>
        objects
          .getByRole("row", { name: /ConfigMap/ })
          .locator("[data-object-status]")
          .textContent(),
      )
      .toBe("present");
    await expect.poll(() => drawer.getByLabel("Notes").textContent()).toMatch(/storefront/i);
    await shot(page, "helm-release-details");
    await drawer.getByRole("tab", { name: "Values" }).click();
    await expect.poll(() => drawer.locator('pre[aria-label="Values given"]').textContent()).toMatch(/greeting: Welcome back\s+replicaCount: 2/);
    await drawer.locator("label", { hasText: /^All values$/ }).click();
    await expect.poll(() => drawer.locator('pre[aria-label="All values"]').textContent()).toMatch(/repository: nginx/);
    await drawer.getByRole("tab", { name: "History" }).click();
    const history = drawer.getByRole("table", { name: "Revisions" });
    await expect.poll(() => history.getByRole("row").count()).toBe(3);
    await expect.poll(() => history.getByRole("row", { name: "Revision 1" }).textContent()).toMatch(/superseded.*first install/);
    // The last two revisions compared: the values given, then the manifest.
    const diff = drawer.getByRole("region", { name: "Values given: revision 1 → 2" });
    // Revision 1 was given nothing; revision 2 its two values, on the right, inserted.
    const right = diff.locator(".modified-in-monaco-diff-editor");
    await expect.poll(() => right.locator(".view-line", { hasText: /replicaCount:\s+2/ }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => right.locator(".line-insert").count()).toBeGreaterThan(0);
    await drawer.locator("label", { hasText: /^Manifest$/ }).click();
    // The ConfigMap comes first in the manifest: its greeting changed, marked on the right.
    const manifest = drawer.getByRole("region", { name: "Manifest: revision 1 → 2" }).locator(".modified-in-monaco-diff-editor");
    await expect.poll(() => manifest.locator(".view-line", { hasText: /Welcome\s+back/ }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => manifest.locator(".line-insert, .char-insert").count()).toBeGreaterThan(0);
    await shotBothThemes(shot, page, "helm-release-history");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  });
});

describe("Helm changes", () => {
  const ns = `helm-ui-${Date.now().toString(36)}`;
  const helm = async (...args: string[]) => run((await ensureBinaries(() => {})).helm, args, { env: helmEnv() });
  afterAll(async () => {
    await kubectl(["delete", "namespace", ns, "--wait=false"]).catch(() => {});
  });

  it("rolls a release back after showing what changes, then uninstalls it after showing what goes, helm's output live", async () => {
    await kubectl(["create", "namespace", ns]);
    await helm("install", "web", chartDir, "-n", ns);
    await helm("upgrade", "web", chartDir, "-n", ns, "--set", "greeting=Second");
    await open(listRoute("helm.sh", "v1", "releases"));
    await expect.poll(() => cellOf(`${ns}/web`, "REVISION"), { timeout: 30_000 }).toBe("2");
    await grid().locator(`[data-key="${ns}/web"]`).click();
    const drawer = page.getByRole("dialog", { name: /web/ });
    await drawer.getByRole("button", { name: "Roll back…" }).click();
    const dialog = page.getByRole("dialog", { name: "Roll back web" });
    // What would change: revision 2's values on the left, revision 1's (none given) on the right.
    await expect
      .poll(() => dialog.getByLabel("The command that will run").textContent())
      .toBe(`helm rollback web 1 --namespace ${ns} --wait=watcher --timeout 5m`);
    const diff = dialog.getByRole("region", { name: "Values given: revision 2 → 1" }).locator(".original-in-monaco-diff-editor");
    await expect.poll(() => diff.locator(".view-line", { hasText: /greeting:\s+Second/ }).count(), { timeout: 30_000 }).toBe(1);
    // A timeout helm would not take is said before anything runs.
    await dialog.getByLabel("Timeout").fill("5 minutes");
    await expect.poll(() => dialog.getByText("a duration such as 90s, 5m or 1h").count()).toBe(1);
    expect(await dialog.getByRole("button", { name: "Roll back to 1" }).isDisabled()).toBe(true);
    await dialog.getByLabel("Timeout").fill("2m");
    await shotBothThemes(shot, page, "helm-rollback");
    await dialog.getByRole("button", { name: "Roll back to 1" }).click();
    await expect.poll(() => dialog.getByLabel("Output", { exact: true }).textContent(), { timeout: 60_000 }).toMatch(/Rollback was a success/);
    await expect.poll(() => dialog.getByRole("status").textContent()).toMatch(/Done/);
    await shot(page, "helm-rollback-done");
    await dialog.getByRole("button", { name: "Close" }).click();
    // The list and helm agree: a third revision, back to revision 1's values.
    await expect.poll(() => cellOf(`${ns}/web`, "REVISION"), { timeout: 30_000 }).toBe("3");
    expect(JSON.parse(await helm("history", "web", "-n", ns, "-o", "json")).at(-1)).toMatchObject({ revision: 3, description: "Rollback to 1" });

    await drawer.getByRole("button", { name: "Uninstall…" }).click();
    const uninstall = page.getByRole("dialog", { name: "Uninstall web" });
    await expect.poll(() => uninstall.getByRole("table", { name: "Objects that will be deleted" }).getByRole("row").count()).toBe(3);
    await uninstall.getByLabel("Wait until ready (--wait)").uncheck();
    await expect.poll(() => uninstall.getByLabel("The command that will run").textContent()).toBe(`helm uninstall web --namespace ${ns}`);
    await shot(page, "helm-uninstall");
    await uninstall.getByRole("button", { name: "Uninstall", exact: true }).click();
    await expect.poll(() => uninstall.getByLabel("Output", { exact: true }).textContent(), { timeout: 60_000 }).toMatch(/release "web" uninstalled/);
    await uninstall.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => grid().locator(`[data-key="${ns}/web"]`).count(), { timeout: 30_000 }).toBe(0);
    await expect(helm("status", "web", "-n", ns)).rejects.toThrow(/not found/);
  });
});

describe("Helm installs", () => {
  const ns = `helm-install-${Date.now().toString(36)}`;
  const helm = async (...args: string[]) => run((await ensureBinaries(() => {})).helm, args, { env: helmEnv() });
  let repo: ChartRepo;
  const work = mkdtempSync(join(tmpdir(), "kubedeck-charts-"));
  beforeAll(async () => {
    repo = await startChartRepo();
  });
  afterAll(async () => {
    await repo?.stop();
    rmSync(work, { recursive: true, force: true });
    await kubectl(["delete", "namespace", ns, "--wait=false"]).catch(() => {});
  });
  /** Replaces the whole text of the values editor in `scope`. */
  const typeValues = async (scope: ReturnType<Page["getByRole"]>, text: string) => {
    await scope.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(text);
  };
  const values = async (release: string) => JSON.parse(await helm("get", "values", release, "-n", ns, "-o", "json")) as unknown;

  it("adds a repository, installs a chart from it into a new namespace after lint and a dry run, upgrades it with changed values, tests it and rolls it back", async () => {
    await open(listRoute("helm.sh", "v1", "releases"));
    await page.getByRole("button", { name: "Charts" }).click();
    await page.getByRole("menuitem", { name: "Repositories…" }).click();
    const repos = page.getByRole("dialog", { name: "Chart repositories" });
    await repos.getByRole("textbox", { name: "Name", exact: true }).fill("ours");
    await repos.getByRole("textbox", { name: "Address" }).fill("ftp://example");
    await expect.poll(() => repos.getByText("an http:// or https:// address of a chart repository").count()).toBe(1);
    await repos.getByRole("textbox", { name: "Address" }).fill(repo.url);
    await repos.getByRole("button", { name: "Add", exact: true }).click();
    await expect
      .poll(() => repos.getByLabel("Output", { exact: true }).textContent(), { timeout: 30_000 })
      .toContain('"ours" has been added to your repositories');
    await expect.poll(() => repos.locator('[data-repo="ours"]').count()).toBe(1);
    await shot(page, "helm-repositories");
    await repos.getByRole("button", { name: "Close", exact: true }).click();
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Install chart…" }).click();
    const install = page.getByRole("dialog", { name: "Install a chart" });
    await install.getByRole("textbox", { name: "Search the added repositories" }).fill("guest");
    const row = install.locator('[data-chart="ours/guestbook"]');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    // Every version, the latest first; an older one is picked.
    await row.getByLabel("Version of ours/guestbook").click();
    await expect.poll(() => page.getByRole("option").allTextContents()).toEqual(["0.2.0", "0.1.0"]);
    await page.getByRole("option", { name: "0.1.0" }).click();
    const about = install.getByRole("region", { name: "About the chart" });
    await expect.poll(() => about.textContent(), { timeout: 30_000 }).toMatch(/guestbook0\.1\.0App version 2\.1\.0values schemahas tests/i);
    await expect.poll(() => about.locator(`pre[aria-label="README"]`).textContent()).toMatch(/^# guestbook/);
    await shotBothThemes(shot, page, "helm-install-chart");
    await install.getByRole("button", { name: "Next" }).click();
    // The chart's values.schema.json checks the values as they are typed.
    await expect.poll(() => install.locator(".monaco-editor").count(), { timeout: 30_000 }).toBe(1);
    await typeValues(install, "replicaCount: many\n");
    // monaco-yaml marks a value against the schema as a warning.
    const marked = install.locator(".squiggly-warning, .squiggly-error");
    await expect.poll(() => marked.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await typeValues(install, "message: Hello from the UI\nreplicaCount: 2\n");
    await expect.poll(() => marked.count(), { timeout: 30_000 }).toBe(0);
    await shot(page, "helm-install-values");
    await install.getByRole("button", { name: "Next" }).click();
    await install.getByRole("textbox", { name: "Release name" }).fill("Guest Book");
    await expect.poll(() => install.getByText("a release name is lower-case letters, digits, '-' and '.'").count()).toBe(1);
    await install.getByRole("textbox", { name: "Release name" }).fill("guests");
    await install.getByRole("combobox", { name: "Namespace", exact: true }).fill(ns);
    // A namespace that is not there yet is created.
    await expect.poll(() => install.getByText("This namespace does not exist yet: helm creates it.").count()).toBe(1);
    await install.getByRole("button", { name: "Next" }).click();
    const review = install.getByRole("group", { name: "What the server would make (dry run)" });
    await expect.poll(() => install.getByRole("status").filter({ hasText: "The chart passes helm lint" }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => review.getByRole("table", { name: "Objects it would make" }).getByRole("row").count(), { timeout: 60_000 }).toBe(3);
    expect(await install.getByLabel("The command that will run").textContent()).toBe(
      `helm install guests ours/guestbook --namespace ${ns} --create-namespace --version 0.1.0 --values values.yaml --wait=watcher --timeout 5m`,
    );
    // The dry run made nothing.
    await expect(helm("status", "guests", "-n", ns)).rejects.toThrow(/not found/);
    await shotBothThemes(shot, page, "helm-install-review");
    await install.getByRole("button", { name: "Install", exact: true }).click();
    await expect.poll(() => install.getByLabel("Output", { exact: true }).textContent(), { timeout: 120_000 }).toMatch(/STATUS: deployed/);
    await expect.poll(() => install.getByRole("status").textContent(), { timeout: 60_000 }).toMatch(/Done/);
    expect(await values("guests")).toEqual({ message: "Hello from the UI", replicaCount: 2 });
    await install.getByRole("button", { name: "Open guests" }).click();
    // The native list has it, live, as helm list does.
    await expect.poll(() => cellOf(`${ns}/guests`, "CHART"), { timeout: 30_000 }).toBe("guestbook-0.1.0");
    expect(JSON.parse(await helm("list", "-n", ns, "-o", "json"))).toMatchObject([
      { name: "guests", revision: "1", chart: "guestbook-0.1.0", status: "deployed" },
    ]);

    const drawer = page.getByRole("dialog", { name: /guests/ });
    await drawer.getByRole("button", { name: "Upgrade…" }).click();
    const upgrade = page.getByRole("dialog", { name: "Upgrade guests" });
    // The repositories' versions of the release's own chart are searched for.
    await expect.poll(() => upgrade.locator('[data-chart="ours/guestbook"]').count(), { timeout: 30_000 }).toBe(1);
    await upgrade.getByRole("button", { name: "ours/guestbook" }).click();
    await expect.poll(() => upgrade.getByRole("region", { name: "About the chart" }).textContent(), { timeout: 30_000 }).toMatch(/0\.2\.0/);
    await upgrade.getByRole("button", { name: "Next" }).click();
    // The values given so far, to change.
    await expect
      .poll(() => upgrade.locator(".monaco-editor .view-lines").innerText(), { timeout: 30_000 })
      .toMatch(/message:\s+Hello\s+from\s+the\s+UI\s+replicaCount:\s+2/);
    await typeValues(upgrade, "message: Upgraded in the UI\nreplicaCount: 3\n");
    await upgrade.getByLabel("Roll back a failed upgrade (--atomic)").check();
    await upgrade.getByRole("button", { name: "Next" }).click();
    // What the upgrade changes, object by object, and the manifest side by side.
    const changes = upgrade.getByRole("table", { name: "Objects the upgrade changes" });
    await expect
      .poll(() => changes.locator("[data-change]").evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-change")} ${r.textContent}`)), {
        timeout: 60_000,
      })
      .toEqual([expect.stringMatching(/^changed .*ConfigMap.*guests-guestbook/), expect.stringMatching(/^changed .*Deployment.*guests-guestbook/)]);
    const diff = upgrade.getByRole("region", { name: "Manifest: current on the left, after the upgrade on the right" });
    await expect
      .poll(() => diff.locator(".modified-in-monaco-diff-editor .view-line", { hasText: /message:\s+"Upgraded\s+in\s+the\s+UI"/ }).count(), { timeout: 30_000 })
      .toBe(1);
    expect(await upgrade.getByLabel("The command that will run").textContent()).toBe(
      `helm upgrade guests ours/guestbook --namespace ${ns} --version 0.2.0 --reset-values --values values.yaml --wait=watcher --timeout 5m --rollback-on-failure`,
    );
    await shotBothThemes(shot, page, "helm-upgrade-review");
    await upgrade.getByRole("button", { name: "Upgrade", exact: true }).click();
    await expect.poll(() => upgrade.getByRole("status").textContent(), { timeout: 120_000 }).toMatch(/Done/);
    // The rollout that followed: the release's objects now, live.
    await expect
      .poll(
        () =>
          upgrade
            .getByRole("table", { name: "Objects the release made" })
            .getByRole("row", { name: /Deployment/ })
            .locator("[data-object-status]")
            .textContent(),
        { timeout: 60_000 },
      )
      .toMatch(/^ready 3\/3$/);
    await shot(page, "helm-upgrade-done");
    await upgrade.getByRole("button", { name: "Close", exact: true }).click();
    expect(await values("guests")).toEqual({ message: "Upgraded in the UI", replicaCount: 3 });
    await expect.poll(() => cellOf(`${ns}/guests`, "REVISION"), { timeout: 30_000 }).toBe("2");
    // History: two revisions, and the diff of their values shows the change.
    await drawer.getByRole("tab", { name: "History" }).click();
    await expect.poll(() => drawer.getByRole("table", { name: "Revisions" }).getByRole("row").count(), { timeout: 30_000 }).toBe(3);
    expect(JSON.parse(await helm("history", "guests", "-n", ns, "-o", "json")).map((h: { chart: string }) => h.chart)).toEqual([
      "guestbook-0.1.0",
      "guestbook-0.2.0",
    ]);
    const revisions = drawer.getByRole("region", { name: "Values given: revision 1 → 2" });
    await expect
      .poll(() => revisions.locator(".modified-in-monaco-diff-editor .view-line", { hasText: /message:\s+Upgraded\s+in\s+the\s+UI/ }).count(), {
        timeout: 30_000,
      })
      .toBe(1);

    await drawer.getByRole("button", { name: "Run tests…" }).click();
    const test = page.getByRole("dialog", { name: "Test guests" });
    expect(await test.getByLabel("The command that will run").textContent()).toBe(`helm test guests --namespace ${ns} --logs --timeout 5m`);
    await test.getByRole("button", { name: "Run tests", exact: true }).click();
    await expect
      .poll(() => test.getByLabel("Output", { exact: true }).textContent(), { timeout: 120_000 })
      .toMatch(/guests-guestbook-test[\s\S]*Phase:\s+Succeeded/);
    await shot(page, "helm-test");
    await test.getByRole("button", { name: "Close", exact: true }).click();

    await drawer.getByRole("button", { name: "Roll back…" }).click();
    const back = page.getByRole("dialog", { name: "Roll back guests" });
    await back.getByRole("button", { name: "Roll back to 1" }).click();
    await expect.poll(() => back.getByRole("status").textContent(), { timeout: 120_000 }).toMatch(/Done/);
    await back.getByRole("button", { name: "Close", exact: true }).click();
    await expect.poll(() => cellOf(`${ns}/guests`, "REVISION"), { timeout: 30_000 }).toBe("3");
    expect(await values("guests")).toEqual({ message: "Hello from the UI", replicaCount: 2 });

    // And gone: the list and helm agree.
    await drawer.getByRole("button", { name: "Uninstall…" }).click();
    const uninstall = page.getByRole("dialog", { name: "Uninstall guests" });
    await expect.poll(() => uninstall.getByRole("table", { name: "Objects that will be deleted" }).getByRole("row").count()).toBe(3);
    await uninstall.getByRole("button", { name: "Uninstall", exact: true }).click();
    await expect.poll(() => uninstall.getByRole("status").textContent(), { timeout: 120_000 }).toMatch(/Done/);
    await uninstall.getByRole("button", { name: "Close", exact: true }).click();
    await expect.poll(() => grid().locator(`[data-key="${ns}/guests"]`).count(), { timeout: 30_000 }).toBe(0);
    await expect(helm("status", "guests", "-n", ns)).rejects.toThrow(/not found/);
    await page.keyboard.press("Escape");
  });

  it("creates a chart, lints and packages it, and installs the package with a generated name (the tutorial's own chart)", async () => {
    await open(listRoute("helm.sh", "v1", "releases"));
    await page.getByRole("button", { name: "Charts" }).click();
    await page.getByRole("menuitem", { name: "New chart…" }).click();
    const create = page.getByRole("dialog", { name: "Create a chart" });
    await create.getByRole("textbox", { name: "In folder" }).fill("charts");
    await expect.poll(() => create.getByText("an absolute path, such as /home/me/charts/web").count()).toBe(1);
    await create.getByRole("textbox", { name: "In folder" }).fill(work);
    await create.getByRole("button", { name: "Create", exact: true }).click();
    await expect.poll(() => create.getByLabel("Output", { exact: true }).textContent(), { timeout: 30_000 }).toContain(`Creating ${join(work, "mychart")}`);
    await create.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => create.getByText(`Chart created in ${join(work, "mychart")}`).count()).toBe(1);
    await create.getByRole("button", { name: "Lint (helm lint)" }).click();
    await expect.poll(() => create.getByRole("status").filter({ hasText: "The chart passes helm lint" }).count(), { timeout: 30_000 }).toBe(1);
    await create.getByRole("button", { name: "Package", exact: true }).click();
    await expect
      .poll(() => create.getByLabel("Output", { exact: true }).textContent(), { timeout: 30_000 })
      .toContain(`saved it to: ${join(work, "mychart-0.1.0.tgz")}`);
    await create.getByRole("button", { name: "Continue" }).click();
    await shot(page, "helm-create");
    await create.getByRole("button", { name: "Install the package…" }).click();
    // The install starts at the values, with the package chosen.
    const install = page.getByRole("dialog", { name: "Install a chart" });
    await expect.poll(() => install.locator(".monaco-editor").count(), { timeout: 30_000 }).toBe(1);
    await install.getByRole("button", { name: "Next" }).click();
    await install.getByRole("combobox", { name: "Namespace", exact: true }).fill(ns);
    await install.getByRole("button", { name: "Next" }).click();
    await expect
      .poll(() => install.getByLabel("The command that will run").textContent())
      .toBe(`helm install ${join(work, "mychart-0.1.0.tgz")} --generate-name --namespace ${ns} --wait=watcher --timeout 5m`);
    await install.getByRole("button", { name: "Install", exact: true }).click();
    await expect.poll(() => install.getByRole("status").textContent(), { timeout: 120_000 }).toMatch(/Done/);
    const name = /NAME: (\S+)/.exec((await install.getByLabel("Output", { exact: true }).textContent()) ?? "")?.[1];
    // helm makes it up from the package's file name and the time.
    expect(name).toMatch(/^mychart-[\d-]+$/);
    await install.getByRole("button", { name: `Open ${name}` }).click();
    await expect.poll(() => cellOf(`${ns}/${name}`, "CHART"), { timeout: 30_000 }).toBe("mychart-0.1.0");
    expect(JSON.parse(await helm("list", "-n", ns, "-o", "json")).map((l: { name: string }) => l.name)).toContain(name);
    await page.keyboard.press("Escape");
  });
});

describe("events, palette and languages", () => {
  it("shows cluster events newest first, warnings marked, filterable by reason", async () => {
    await open(listRoute("", "v1", "events"));
    const ages = await grid()
      .locator("[role=row][data-key]")
      .evaluateAll((rows) => rows.slice(0, 10).map((r) => r.getAttribute("data-key")));
    expect(ages.length).toBeGreaterThan(0);
    expect(await grid().locator("[role=columnheader][aria-sort=ascending]").textContent()).toBe("LAST SEEN");
    const warnings = await kubectl(["get", "events", "-A", "--field-selector=type=Warning", "-o", "name"]);
    if (warnings.trim()) await expect.poll(() => grid().locator('[data-tone="warning"]').count()).toBeGreaterThan(0);
    await page.getByRole("combobox", { name: "Reason" }).click();
    const reason = (await page.getByRole("option").first().textContent())!;
    await page.getByRole("option", { name: reason, exact: true }).click();
    await expect
      .poll(async () => {
        const texts = await grid()
          .locator("[role=row][data-key]")
          .evaluateAll((rows) => rows.map((r) => r.textContent ?? ""));
        return texts.length > 0 && texts.every((t) => t.includes(reason));
      })
      .toBe(true);
    await shotBothThemes(shot, page, "events");
  });

  it("jumps to an object with the command palette", async () => {
    await open(listRoute("", "v1", "services"));
    await page.keyboard.press("Control+k");
    await page.getByRole("textbox", { name: "Search", exact: true }).fill("myapp");
    await expect.poll(() => page.getByRole("option", { name: /myapp.*Pod · demo/ }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await shotBothThemes(shot, page, "palette");
    await page
      .getByRole("option", { name: /myapp.*Pod · demo/ })
      .first()
      .click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/context/sandbox-admin/r/core/v1/pods/demo/myapp");
    await expect.poll(() => page.getByRole("region", { name: "Container nginx" }).count(), { timeout: 20_000 }).toBe(1);
    await page.keyboard.press("Escape");
  });

  it("looks right in the dark theme and in Chinese", async () => {
    const dark = await newPage("dark");
    await open(listRoute("", "v1", "pods"), dark);
    // The sidebar of a fresh page is drawn after the list's first rows, in the background.
    await dark.getByRole("navigation", { name: "Resources" }).waitFor();
    await shot(dark, "pods-dark");
    await grid(dark).locator('[data-key="demo/crashy"]').click();
    await expect.poll(() => dark.getByRole("region", { name: /Container/ }).count()).toBeGreaterThan(0);
    await shot(dark, "pod-details-dark");
    await dark.keyboard.press("Escape");
    await dark.getByRole("combobox", { name: "Language" }).click();
    await dark.getByRole("option", { name: "中文（简体）" }).click();
    await expect.poll(() => dark.getByRole("navigation", { name: "资源" }).count()).toBe(1);
    await shot(dark, "pods-zh-dark");
    await open(listRoute("", "v1", "events"), dark);
    await shot(dark, "events-zh-dark");
    await open(listRoute("", "v1", "pods"), dark);
    await grid(dark).locator('[data-key="demo/unschedulable"]').click();
    const problems = dark.getByRole("dialog").getByRole("region", { name: "问题" });
    await expect
      .poll(() => problems.getByRole("table", { name: "每个节点，以及 Pod 不能放在那里的原因" }).getByRole("row").count(), { timeout: 20_000 })
      .toBe(6);
    await shot(dark, "pod-pending-explained-zh-dark");
    await open(listRoute("", "v1", "pods"), dark);
    await grid(dark).locator('[data-key="demo/crashy"]').click();
    await expect.poll(() => problems.getByText(/^app 反复失败：已重启 \d+ 次$/).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => problems.getByLabel("失败那次运行的最后几行（kubectl logs --previous）").innerText(), { timeout: 20_000 }).toContain("FATAL");
    await shot(dark, "pod-crash-loop-explained-zh-dark");
    await dark.keyboard.press("Escape");
    await open(listRoute("helm.sh", "v1", "releases"), dark);
    await grid(dark).locator('[data-key="shop/storefront"]').click();
    const release = dark.getByRole("dialog", { name: /storefront/ });
    await expect.poll(() => release.getByRole("table", { name: "该发布创建的对象" }).getByRole("row").count()).toBe(4);
    await release.getByRole("button", { name: "回滚…" }).click();
    await expect.poll(() => dark.getByRole("dialog", { name: "回滚 storefront" }).getByText("回滚到的修订版本").count()).toBe(1);
    await shot(dark, "helm-rollback-zh-dark");
    await dark.keyboard.press("Escape");
    await dark.keyboard.press("Escape");
    await dark.getByRole("button", { name: "安装 Chart…" }).click();
    const install = dark.getByRole("dialog", { name: "安装 Chart" });
    await expect.poll(() => install.getByText("在已添加的仓库中搜索").count()).toBe(1);
    await shot(dark, "helm-install-zh-dark");
    await install.locator("label", { hasText: /^OCI 镜像仓库$/ }).click();
    await expect.poll(() => install.getByText("使用明文 HTTP（--plain-http）").count()).toBe(1);
    await shot(dark, "helm-install-oci-zh-dark");
    await dark.keyboard.press("Escape");
    await dark.getByRole("combobox", { name: "语言" }).click();
    await dark.getByRole("option", { name: "English" }).click();
    await dark.close();
  });
});

describe("a viewer", () => {
  it("sees forbidden actions disabled with the missing permission, and never an unhandled error", async () => {
    const viewer = await newPage();
    await open(listRoute("", "v1", "pods", "sandbox-viewer"), viewer);
    await expect
      .poll(async () => Number(await grid(viewer).getAttribute("data-total")) === (await names(["get", "pods", "-n", "demo"])).length, { timeout: 20_000 })
      .toBe(true);
    await grid(viewer).locator('[data-key="demo/myapp"]').click();
    const note = viewer.getByRole("note", { name: /Delete: Not allowed: you need delete pods/ });
    await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(1);
    expect(await viewer.getByRole("button", { name: "Delete", exact: true }).isDisabled()).toBe(true);
    await shotBothThemes(shot, viewer, "viewer-disabled-delete");
    await viewer.keyboard.press("Escape");
    // Secrets are not the viewer's to read: the list says so instead of failing.
    await viewer.evaluate((h) => (location.hash = h), listRoute("", "v1", "secrets", "sandbox-viewer"));
    await expect
      .poll(
        () =>
          viewer
            .getByRole("alert")
            .filter({ hasText: /not allowed|Forbidden|403/i })
            .count(),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await shotBothThemes(shot, viewer, "viewer-secrets-forbidden");
    await viewer.close();
    expect(errors).toEqual([]);
  });

  it("sees a list it may read but not watch refreshed every few seconds, and why, not a red badge", async () => {
    // The built-in view role reads no Roles: this one lets the viewer list them in demo, not watch them.
    const grant = (name: string, verbs: string[]) =>
      kubectl(
        ["apply", "-f", "-"],
        JSON.stringify({
          apiVersion: "v1",
          kind: "List",
          items: [
            {
              apiVersion: "rbac.authorization.k8s.io/v1",
              kind: "Role",
              metadata: { name, namespace: "demo" },
              rules: [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs }],
            },
            {
              apiVersion: "rbac.authorization.k8s.io/v1",
              kind: "RoleBinding",
              metadata: { name, namespace: "demo" },
              roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
              subjects: [{ kind: "ServiceAccount", name: "sandbox-viewer", namespace: "kube-system" }],
            },
          ],
        }),
      );
    const viewer = await newPage();
    try {
      await grant("viewer-lists-roles", ["get", "list"]);
      const canList = () =>
        kubectl(["auth", "can-i", "list", "roles.rbac.authorization.k8s.io", "-n", "demo", "--as=system:serviceaccount:kube-system:sandbox-viewer"]).then(
          (o) => o.trim(),
          () => "no",
        );
      await expect.poll(canList, { timeout: 10_000 }).toBe("yes");
      await open(listRoute("rbac.authorization.k8s.io", "v1", "roles", "sandbox-viewer"), viewer);
      const badge = viewer.getByRole("status").filter({ hasText: /^Refreshed every \d+s$/ });
      await expect.poll(() => badge.count(), { timeout: 20_000 }).toBe(1);
      expect(await badge.getAttribute("aria-label")).toMatch(/You may list Roles here but not watch them/);
      expect(await viewer.getByRole("alert").count()).toBe(0);
      await expect.poll(() => grid(viewer).locator('[data-key="demo/viewer-lists-roles"]').count()).toBe(1);
      // Made elsewhere, it shows at the next read (every 5 s at least for a list this short).
      await kubectl(["create", "role", "made-while-polled", "-n", "demo", "--verb=get", "--resource=pods"]);
      await expect.poll(() => grid(viewer).locator('[data-key="demo/made-while-polled"]').count(), { timeout: 30_000 }).toBe(1);
      await badge.hover();
      await expect.poll(() => viewer.getByRole("tooltip").count()).toBe(1);
      await shotBothThemes(shot, viewer, "viewer-polled-list");
      await inChinese(viewer, async () => {
        await expect
          .poll(() =>
            viewer
              .getByRole("status")
              .filter({ hasText: /^每 \d+ 秒刷新$/ })
              .count(),
          )
          .toBe(1);
        await viewer
          .getByRole("status")
          .filter({ hasText: /^每 \d+ 秒刷新$/ })
          .hover();
        await expect.poll(() => viewer.getByRole("tooltip").filter({ hasText: "无权监视" }).count()).toBe(1);
        await shot(viewer, "viewer-polled-list-zh");
      });
      // Allowed to watch, the list is live again at its next read.
      await grant("viewer-watches-roles", ["watch"]);
      await expect
        .poll(
          () =>
            viewer
              .getByRole("status")
              .filter({ hasText: /^Live$/ })
              .count(),
          { timeout: 30_000 },
        )
        .toBe(1);
    } finally {
      await viewer.close();
      await kubectl(["delete", "role,rolebinding", "viewer-lists-roles", "viewer-watches-roles", "made-while-polled", "-n", "demo", "--ignore-not-found"]);
    }
    expect(errors).toEqual([]);
  });
});
