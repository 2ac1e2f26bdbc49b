// The YAML editor in a real browser against the practice cluster (DESIGN §5): validation as
// you type by the cluster's own schema (a CRD's too), completion and hover from it, create
// and apply with a server-side dry run first, the server's rejections on their lines, the
// diff, an object changed meanwhile, and a multi-document text with one bad document. Every
// result is checked with kubectl. Also: files and folders, delete by file with Undo, and a
// Secret's values edited as stringData. It works in a namespace of its own, kd-editor-….
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { screenshotter } from "./browser.ts";
import { exampleCrd } from "./fixtures/crd.ts";
import { nginxDeployment } from "./fixtures/deployment.ts";
import { kubectl, openApp, openList, shotBothThemes, watchLeavesScreen, type AppUnderTest } from "./suite.ts";

const shot = screenshotter("editor");
const ns = `kd-editor-${Date.now().toString(36)}`;
const group = `kd-editor-${Date.now().toString(36)}.example.io`;
let app: AppUnderTest;
let page: Page;

const jsonpath = async (what: string[], path: string) => (await kubectl(["get", ...what, "-n", ns, "-o", `jsonpath=${path}`])).trim();
const route = (g: string, version: string, resource: string) => `#/context/sandbox-admin/r/${g || "core"}/${version}/${resource}`;
const editor = () => page.getByRole("dialog", { name: /Create or apply YAML|Edit / });
const results = () => page.getByRole("table", { name: "Result per document" });
const resultRow = (text: string) => results().getByRole("row").filter({ hasText: text });
const shown = (l: Locator, timeout = 20_000) => l.first().waitFor({ state: "visible", timeout });
const textOf = (l: Locator) => expect.poll(() => l.innerText(), { timeout: 20_000 });
/** The editor's text as shown (Monaco renders spaces as no-break spaces). */
const editorText = () => expect.poll(async () => (await editor().locator(".view-lines").innerText()).replace(/\u00a0/g, " "), { timeout: 20_000 });
/** One line of an editor, by what it says (any spacing). */
const line = (text: string, within: Locator = editor()) =>
  within.locator(".view-line", { hasText: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")) });

beforeAll(async () => {
  await kubectl(["create", "namespace", ns]);
  await kubectl(["apply", "-f", "-"], JSON.stringify(exampleCrd(group, { plural: "widgets", kind: "Widget" })));
  await kubectl(["wait", "--for=condition=Established", `crd/widgets.${group}`, "--timeout=60s"]);
  await kubectl(["create", "configmap", "existing", "-n", ns, "--from-literal=colour=red"]);
  for (const name of ["edited", "raced"]) await kubectl(["apply", "-f", "-"], nginxDeployment(ns, name));
  app = await openApp();
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  await kubectl(["delete", "crd", `widgets.${group}`, "--wait=false", "--ignore-not-found"]);
  expect(app.errors).toEqual([]);
});

// What the page looked like when a test failed.
afterEach(async ({ task }) => {
  if (task.result?.state === "fail") await shot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`);
});

/** Replaces the editor's text by pasting it. */
async function paste(text: string) {
  await editor().locator(".view-lines").click();
  await page.keyboard.press("Control+A");
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+V");
  await editorText().toContain(text.trim().split("\n").at(-1)!.trim());
}

/** Every problem the editor marks, as "Go to next problem" (F8) walks them; waits until there are `count`. */
async function problems(count: number): Promise<string[]> {
  // Monaco's problem peek: the "n of m problems" header and the marker's message.
  const widget = page.locator(".peekview-widget").filter({ has: page.locator(".marker-widget") });
  await expect
    .poll(
      async () => {
        // Escape closes an open problem widget; with none open it would reach the dialog.
        if (await widget.isVisible()) await page.keyboard.press("Escape");
        await page.keyboard.press("Control+Home");
        await page.keyboard.press("F8");
        if (
          !(await widget.waitFor({ timeout: 2_000 }).then(
            () => true,
            () => false,
          ))
        )
          return "0";
        return (await widget.innerText()).match(/of (\d+) problem/)?.[1] ?? "1";
      },
      { timeout: 20_000 },
    )
    .toBe(String(count));
  const messages: string[] = [await widget.innerText()];
  for (let i = 1; i < count; i++) {
    await page.keyboard.press("F8");
    await expect.poll(() => widget.innerText()).not.toBe(messages.at(-1));
    messages.push(await widget.innerText());
  }
  await page.keyboard.press("Escape");
  return messages;
}

/** Create on a list; for a kind with several templates, the one named. */
async function openCreate(listRoute: string, template?: string) {
  await openList(page, listRoute);
  await page.getByRole("button", { name: "Create" }).click();
  if (template) {
    await shown(page.getByRole("menuitem", { name: template, exact: true }));
    await shot(page, `templates-${template.toLowerCase().replace(/\W+/g, "-")}`);
    await page.getByRole("menuitem", { name: template, exact: true }).click();
  }
  await shown(editor().locator(".monaco-editor"));
}

async function review() {
  await editor().getByRole("button", { name: "Review changes" }).click();
  await shown(results());
}

it("keeps the list in view while the editor's code loads, the first time Create is pressed", async () => {
  await openList(page, route("apps", "v1", "deployments"));
  // Whether the list's table left the screen at any moment from the press to the editor (this
  // suite's first editor: its code is not loaded yet). It did, for 700 ms, while the editor
  // waited for its code inside the workspace's Suspense.
  const leftScreen = await watchLeavesScreen(page, '[role="grid"]');
  await page.getByRole("button", { name: "Create" }).click();
  await shown(editor().locator(".monaco-editor"));
  expect(await leftScreen()).toBe(false);
  await editor().getByRole("button", { name: "Cancel" }).click();
  await editor().waitFor({ state: "detached" });
});

it("validates each document by the cluster's own schema as you type, a CRD's included", async () => {
  // The namespace in view: objects written without one go there.
  await openList(page, route("", "v1", "configmaps"));
  await page.getByRole("combobox", { name: "Namespace filter" }).click();
  await page.getByRole("option", { name: ns, exact: true }).click();
  await page.keyboard.press("Escape");
  await openCreate(route("apps", "v1", "deployments"));
  // The kind's template, in the namespace in view.
  await editorText().toContain(`namespace: ${ns}`);
  await paste(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: typed
spec:
  replicas: three
  selector:
    matchLabels:
      app: typed
  template:
    metadata:
      labels:
        app: typed
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            limits:
              cpu: 1
          livenessProbe:
            httpGet:
              port: 80
---
apiVersion: ${group}/v1
kind: Widget
metadata:
  name: w
spec:
  size: big
  color: red
---
apiVersion: example.io/v9
kind: Nope
metadata:
  name: x
`);
  // replicas: "three", the Widget's size by its CRD, the kind nobody serves; not cpu: 1 nor port: 80.
  const found = await problems(3);
  expect(found.join("\n")).toMatch(/Incorrect type\. Expected "integer"[\s\S]*Incorrect type\. Expected "integer"/);
  expect(found.join("\n")).toContain("example.io/v9 Nope: this cluster does not serve example.io/v9");
  await shotBothThemes(shot, page, "validation");
});

it("completes fields under containers[] and enum values, and shows each field's documentation", async () => {
  await openCreate(route("", "v1", "pods"), "Pod");
  await line("image: nginx:1.27").click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+Space");
  const suggestions = page.locator(".suggest-widget .monaco-list-row");
  await shown(suggestions.filter({ hasText: "imagePullPolicy" }));
  await page.keyboard.type("imagePullPo");
  await expect.poll(() => suggestions.count()).toBe(1);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+Space");
  await expect.poll(() => suggestions.allInnerTexts()).toEqual(expect.arrayContaining(["Always", "IfNotPresent", "Never"]));
  await shot(page, "completion");
  await page.keyboard.press("Escape");
  // Hover (Ctrl+K Ctrl+I) on a field: the cluster's description of it.
  await line("containers:").getByText("containers").click();
  await page.keyboard.press("Control+K");
  await page.keyboard.press("Control+I");
  await textOf(page.locator(".monaco-hover:not(.hidden)")).toContain("List of containers belonging to the pod.");
  await shot(page, "hover");
  await page.keyboard.press("Escape");
  await editor().getByRole("button", { name: "Cancel" }).click();
});

it("creates like kubectl create (an existing object fails with the server's words) and applies server-side", async () => {
  await openCreate(route("", "v1", "configmaps"));
  await paste("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: existing\ndata:\n  colour: blue\n");
  await review();
  await textOf(resultRow(`configmaps ${ns}/existing`)).toContain("failed");
  await textOf(resultRow(`configmaps ${ns}/existing`)).toContain('configmaps "existing" already exists');
  await editor().getByRole("button", { name: "Back to editing" }).click();
  await editor()
    .locator("label")
    .filter({ hasText: /^Apply$/ })
    .click();
  await review();
  // kubectl create owns data.colour: server-side apply names the field and its manager, and force is a choice.
  await textOf(resultRow(`configmaps ${ns}/existing`)).toContain('.data.colour: conflict with "kubectl-create"');
  await shot(page, "conflict");
  await editor().getByRole("button", { name: "Take over the conflicting fields (force)" }).click();
  await textOf(resultRow(`configmaps ${ns}/existing`)).toContain("configured (dry run)");
  // The diff: red on the left, green on the right, on the changed line only.
  const diff = editor().getByRole("region", { name: /What would change/ });
  await shown(line("colour: blue", diff.locator(".modified-in-monaco-diff-editor")));
  await expect.poll(() => diff.locator(".modified-in-monaco-diff-editor .line-insert").count()).toBe(1);
  expect(await jsonpath(["configmap", "existing"], "{.data.colour}")).toBe("red");
  await shotBothThemes(shot, page, "diff");
  await editor().getByRole("button", { name: "Apply", exact: true }).click();
  await textOf(resultRow(`configmaps ${ns}/existing`)).toMatch(/configured(?! \(dry run\))/);
  expect(await jsonpath(["configmap", "existing"], "{.data.colour}")).toBe("blue");
  expect(await jsonpath(["configmap", "existing"], "{.metadata.managedFields[*].manager}")).toContain("kubedeck");
  await shot(page, "applied");
  await editor().getByRole("button", { name: "Close" }).click();
});

it("shows a dry-run rejection on its line and changes nothing; a multi-document text applies the good ones", async () => {
  await openCreate(route("", "v1", "configmaps"));
  await paste(`apiVersion: v1
kind: ConfigMap
metadata:
  name: good-one
data:
  a: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: bad-one
  labels:
    app: "not a valid value!"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: good-two
`);
  await review();
  await textOf(resultRow(`configmaps ${ns}/good-one`)).toContain("created (dry run)");
  await textOf(resultRow(`configmaps ${ns}/bad-one`)).toContain("metadata.labels: Invalid value");
  // Nothing was created by the dry run.
  expect(await kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).not.toMatch(/good-one|good-two|bad-one/);
  await shot(page, "rejected");
  await editor().getByRole("button", { name: "Back to editing" }).click();
  // The rejection sits on the label's line.
  const found = await problems(1);
  expect(found[0]).toContain("Invalid value");
  expect(await editor().locator(".squiggly-error").count()).toBeGreaterThan(0);
  await review();
  await editor().getByRole("button", { name: "Apply", exact: true }).click();
  await textOf(resultRow(`configmaps ${ns}/good-two`)).toContain("created");
  await textOf(resultRow(`configmaps ${ns}/bad-one`)).toContain("failed");
  expect((await kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).split("\n").sort()).toEqual(
    expect.arrayContaining(["configmap/good-one", "configmap/good-two"]),
  );
  expect(await kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).not.toContain("bad-one");
  await shot(page, "results");
  await editor().getByRole("button", { name: "Close" }).click();
});

it("applies a paste in its own event, so that a key pressed right after cannot drop it", async () => {
  await openCreate(route("", "v1", "configmaps"));
  // Monaco's "paste as" controller would stop the event before the window and apply the text
  // later, dropping it if the cursor moved meanwhile (YamlEditor turns it off).
  await page.evaluate(() => {
    const w = window as unknown as { pastesSeen: number };
    w.pastesSeen = 0;
    window.addEventListener("paste", () => w.pastesSeen++, { once: true });
  });
  await editor().locator(".view-lines").click();
  await page.evaluate(() => navigator.clipboard.writeText("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pasted-then-moved\n"));
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await page.keyboard.press("Control+Home");
  await editorText().toContain("name: pasted-then-moved");
  expect(await page.evaluate(() => (window as unknown as { pastesSeen: number }).pastesSeen)).toBe(1);
  // Kept as a draft a moment later; thrown away here, so that the drafts test finds only its own.
  await editor().getByRole("button", { name: "Discard draft" }).click();
  await editor().waitFor({ state: "detached" });
});

it("pastes a very large text in slices: whole, as one undo step, and applied as pasted", async () => {
  // Two ConfigMaps of 2,400 keys each, about 660 KB: over the size that big-paste.ts takes
  // over from Monaco, and several slices long.
  const value = (doc: number, key: number) => `v${doc}-${key}-${"0123456789".repeat(11)}`;
  const doc = (n: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pasted-big-${n}\ndata:\n` +
    Array.from({ length: 2400 }, (_, k) => `  k${k}: ${value(n, k)}\n`).join("");
  const big = `${doc(1)}---\n${doc(2)}`;
  expect(big.length).toBeGreaterThan(2 * 256 * 1024);
  await openCreate(route("", "v1", "configmaps"));
  await editorText().toContain("kind: ConfigMap");
  const template = (await editor().locator(".view-lines").innerText()).replace(/\u00a0/g, " ");
  // Whether the paste went through the slices, which mark the editor busy meanwhile: an
  // upgrade of Monaco that took the paste first would pass everything else here.
  await page.evaluate(() => {
    const host = document.querySelector('[role="dialog"] .monaco-editor')!.parentElement!;
    const seen = ((window as { busySeen?: string[] }).busySeen = [] as string[]);
    new MutationObserver(() => seen.push(host.getAttribute("aria-busy") ?? "none")).observe(host, { attributeFilter: ["aria-busy"] });
  });
  // What the page sends to main from here on, by call: a text this long goes as UTF-8 bytes (wire.ts), never as JSON text.
  await page.evaluate(() => {
    const sent = ((window as { sentFrames?: [string, string, number][] }).sentFrames = [] as [string, string, number][]);
    const send = ((window as { originalSend?: WebSocket["send"] }).originalSend = WebSocket.prototype.send);
    const nameIn = (head: string) => /"name":"([^"]+)"/.exec(head)?.[1] ?? "";
    WebSocket.prototype.send = function (data) {
      if (typeof data === "string") sent.push(["text", nameIn(data.slice(0, 200)), data.length]);
      else {
        const bytes = data as Uint8Array;
        // A binary frame's header follows its length (wire.ts); the call's name is in it.
        sent.push(["bytes", nameIn(new TextDecoder().decode(bytes.subarray(4, 204))), bytes.byteLength]);
      }
      send.call(this, data);
    };
  });
  await paste(big);
  await expect.poll(() => page.evaluate(() => (window as { busySeen?: string[] }).busySeen)).toEqual(["true", "none"]);
  // The cursor followed the text in: the last line is in view, the first one is not.
  await editorText().not.toContain("name: pasted-big-1");
  // Sticky scroll shows the parent of the lines in view (from their indentation, YamlEditor.tsx):
  // an upgrade that turned it off, or a model that found no parents, would leave it empty.
  await textOf(editor().locator(".sticky-widget")).toContain("data:");
  // One undo takes the whole paste back, one redo brings it again.
  await page.keyboard.press("Control+Z");
  await editorText().toBe(template);
  await page.keyboard.press("Control+Shift+Z");
  await editorText().toContain(value(2, 2399));
  await shot(page, "pasted-big");
  await review();
  await textOf(resultRow(`configmaps ${ns}/pasted-big-1`)).toContain("created (dry run)");
  await textOf(resultRow(`configmaps ${ns}/pasted-big-2`)).toContain("created (dry run)");
  await editor().getByRole("button", { name: "Apply", exact: true }).click();
  await textOf(resultRow(`configmaps ${ns}/pasted-big-2`)).toMatch(/created(?! \(dry run\))/);
  // Every key arrived, none cut at a slice's edge.
  for (const n of [1, 2]) {
    const data = JSON.parse(await jsonpath(["configmap", `pasted-big-${n}`], "{.data}")) as Record<string, string>;
    expect(Object.keys(data)).toHaveLength(2400);
    expect(Object.entries(data).filter(([k, v]) => v !== value(n, Number(k.slice(1))))).toEqual([]);
  }
  // The draft kept meanwhile held the whole text, as bytes; the documents applied are objects, as JSON.
  const frames = () => page.evaluate(() => (window as { sentFrames?: [string, string, number][] }).sentFrames ?? []);
  await expect.poll(async () => (await frames()).some(([kind, name, size]) => kind === "bytes" && name === "drafts.save" && size > big.length)).toBe(true);
  expect((await frames()).filter(([kind, name, size]) => kind === "text" && name === "drafts.save" && size > 64 * 1024)).toEqual([]);
  await page.evaluate(() => (WebSocket.prototype.send = (window as { originalSend?: WebSocket["send"] }).originalSend!));
  await editor().getByRole("button", { name: "Close" }).click();
});

it("edits an object without its server-set fields, and the diff shows the change", async () => {
  await openList(page, route("apps", "v1", "deployments"));
  await page.getByRole("row").filter({ hasText: "edited" }).click();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await editorText().toContain("replicas: 1");
  const text = await editor().locator(".view-lines").innerText();
  for (const serverSet of ["managedFields", "resourceVersion", "uid:", "creationTimestamp", "status:"]) expect(text).not.toContain(serverSet);
  await line("replicas: 1").getByText("1", { exact: true }).dblclick();
  await page.keyboard.type("3");
  await review();
  await textOf(resultRow(`deployments ${ns}/edited`)).toContain("configured (dry run)");
  const diff = editor().getByRole("region", { name: /What would change/ });
  await shown(line("replicas: 1", diff.locator(".original-in-monaco-diff-editor")));
  await shown(line("replicas: 3", diff.locator(".modified-in-monaco-diff-editor")));
  await editor().getByRole("button", { name: "Apply", exact: true }).click();
  await textOf(resultRow(`deployments ${ns}/edited`)).toMatch(/configured(?! \(dry run\))/);
  expect(await jsonpath(["deployment", "edited"], "{.spec.replicas}")).toBe("3");
  await editor().getByRole("button", { name: "Close" }).click();
  await page.keyboard.press("Escape");
});

it("notices an edit made with kubectl while the editor was open, and shows it before applying anyway", async () => {
  await openList(page, route("apps", "v1", "deployments"));
  await page.getByRole("row").filter({ hasText: "raced" }).click();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await editorText().toContain("replicas: 1");
  await kubectl(["annotate", "deployment", "raced", "-n", ns, "note=changed-by-kubectl"]);
  await line("replicas: 1").getByText("1", { exact: true }).dblclick();
  await page.keyboard.type("2");
  await review();
  const changed = editor().getByRole("alert").filter({ hasText: "Changed on the server since you opened it" });
  await shown(changed);
  await changed.getByRole("button", { name: "Show what changed" }).click();
  await shown(line("note: changed-by-kubectl", changed.getByRole("region", { name: /What changed on the server/ })));
  await shotBothThemes(shot, page, "changed-meanwhile");
  await editor().getByRole("button", { name: "Apply anyway" }).click();
  await textOf(resultRow(`deployments ${ns}/raced`)).toMatch(/configured(?! \(dry run\))/);
  // Saved whole, as the warning said: kubectl's annotation, absent from the editor's text, is gone.
  expect(await jsonpath(["deployment", "raced"], "{.spec.replicas} {.metadata.annotations.note}")).toBe("2");
  await editor().getByRole("button", { name: "Close" }).click();
  await page.keyboard.press("Escape");
});

it("keeps a draft as the user types, through closing and a reload, until applied; a Secret's never on disk", async () => {
  const draftFiles = () => {
    const dir = join(app.userData, "drafts");
    return existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8")) : [];
  };
  await openCreate(route("", "v1", "configmaps"));
  await paste("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: drafted\ndata:\n  note: typed-before-reload\n");
  await shown(
    editor()
      .getByRole("status")
      .filter({ hasText: /^Draft kept at/ }),
  );
  expect(draftFiles().join()).toContain("typed-before-reload");
  await editor().getByRole("button", { name: "Close, keep the draft" }).click();
  await page.reload();
  await openList(page, route("", "v1", "configmaps"));
  // Earlier tests left drafts too (a partly failed apply, an editor left without applying).
  await page.getByRole("button", { name: /^Drafts \(\d+\)$/ }).click();
  await page.getByRole("menuitem", { name: /ConfigMap drafted/ }).click();
  await shown(
    editor()
      .getByRole("status")
      .filter({ hasText: /Your unsaved draft from .* is back/ }),
  );
  await editorText().toContain("note: typed-before-reload");
  await shotBothThemes(shot, page, "draft-restored");
  await review();
  await editor().getByRole("button", { name: "Apply", exact: true }).click();
  await textOf(resultRow(`configmaps ${ns}/drafted`)).toMatch(/created(?! \(dry run\))/);
  expect(await jsonpath(["configmap", "drafted"], "{.data.note}")).toBe("typed-before-reload");
  // Applied: the draft is gone, from the list and from the disk.
  await expect.poll(() => draftFiles().join()).not.toContain("typed-before-reload");
  await editor().getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: /^Drafts \(\d+\)$/ }).click();
  await expect.poll(() => page.getByRole("menuitem", { name: /ConfigMap drafted/ }).count()).toBe(0);
  await shot(page, "drafts-list");
  await page.keyboard.press("Escape");

  // A Secret typed in clear: kept in memory only (serve mode has no keychain), and said so.
  await openCreate(route("", "v1", "secrets"));
  await paste("apiVersion: v1\nkind: Secret\nmetadata:\n  name: typed\nstringData:\n  password: sekrit-value-42\n");
  await shown(editor().getByRole("status").filter({ hasText: "kept for this session only" }));
  await shot(page, "secret-draft");
  const files = draftFiles().join("\n");
  for (const clear of ["sekrit-value-42", Buffer.from("sekrit-value-42").toString("base64")]) expect(files).not.toContain(clear);
  await editor().getByRole("button", { name: "Discard draft" }).click();
  await expect.poll(() => page.getByRole("dialog", { name: "Create or apply YAML" }).count()).toBe(0);
  await page.getByRole("button", { name: /^Drafts \(\d+\)$/ }).click();
  await expect.poll(() => page.getByRole("menuitem", { name: /Secret typed/ }).count()).toBe(0);
  await page.keyboard.press("Escape");
});

it("opens files and a folder of manifests (only .yaml, .yml and .json, in path order)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kubedeck-files-"));
  try {
    writeFileSync(join(dir, "one.yaml"), '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file-one\ndata:\n  a: "1"\n');
    writeFileSync(join(dir, "two.json"), JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "from-file-two" } }, null, 2));
    writeFileSync(join(dir, "README.md"), "not a manifest");
    await openCreate(route("", "v1", "configmaps"));
    await editor()
      .getByLabel("Open files…")
      .setInputFiles([join(dir, "two.json"), join(dir, "one.yaml")]);
    await editorText().toContain("# two.json");
    const text = (await editor().locator(".view-lines").innerText()).replace(/\u00a0/g, " ");
    expect(text.indexOf("# one.yaml")).toBeLessThan(text.indexOf("# two.json"));
    await review();
    await textOf(resultRow(`configmaps ${ns}/from-file-two`)).toContain("created (dry run)");
    await textOf(resultRow(`configmaps ${ns}/from-file-one`)).toContain("created (dry run)");
    await editor().getByRole("button", { name: "Back to editing" }).click();
    // A folder, as kubectl apply -f DIR reads it: the README is left out.
    await editor().getByLabel("Open folder…").setInputFiles(dir);
    await editorText().toMatch(/# \S+\/one\.yaml[\s\S]*# \S+\/two\.json/);
    expect(await editor().locator(".view-lines").innerText()).not.toContain("README");
    await shot(page, "opened-folder");
    await review();
    await editor().getByRole("button", { name: "Apply", exact: true }).click();
    await textOf(resultRow(`configmaps ${ns}/from-file-two`)).toMatch(/created(?! \(dry run\))/);
    expect(await jsonpath(["configmap", "from-file-one"], "{.data.a}")).toBe("1");
    // Nothing to read: said, and the text stays.
    await editor().getByRole("button", { name: "Back to editing" }).click();
    await editor().getByLabel("Open files…").setInputFiles(join(dir, "README.md"));
    await textOf(editor().getByRole("alert")).toContain("No .yaml, .yml or .json file was chosen (README.md)");
    await editorText().toContain("from-file-two");
    await editor().getByRole("button", { name: "Cancel" }).click();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("deletes the objects a text names after listing them (kubectl delete -f), and Undo brings them back", async () => {
  for (const name of ["doomed-a", "doomed-b"]) await kubectl(["create", "configmap", name, "-n", ns, `--from-literal=name=${name}`]);
  await openCreate(route("", "v1", "configmaps"));
  await editor()
    .locator("label")
    .filter({ hasText: /^Delete$/ })
    .click();
  await paste(["doomed-a", "doomed-b", "never-was"].map((name) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`).join("---\n"));
  await review();
  await textOf(resultRow(`configmaps ${ns}/doomed-a`)).toContain("deleted (dry run)");
  await textOf(resultRow(`configmaps ${ns}/never-was`)).toContain("not found");
  expect(await kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).toContain("doomed-b");
  await shotBothThemes(shot, page, "delete-by-file");
  await editor().getByRole("button", { name: "Delete 2 objects" }).click();
  await textOf(resultRow(`configmaps ${ns}/doomed-b`)).toMatch(/deleted(?! \(dry run\))/);
  await expect.poll(() => kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).not.toMatch(/doomed-a|doomed-b/);
  const notice = page.locator(".mantine-Notification-root").filter({ hasText: "2 objects deleted" });
  await shown(notice);
  await shot(page, "undo-notice");
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).toMatch(/doomed-a[\s\S]*doomed-b/);
  expect(await jsonpath(["configmap", "doomed-b"], "{.data.name}")).toBe("doomed-b");
  await editor().getByRole("button", { name: "Close" }).click();
});

it("edits a Secret's values as plain text (stringData) only when asked, and no value reaches the disk", async () => {
  await kubectl(["create", "secret", "generic", "creds", "-n", ns, "--from-literal=password=OldPass42", "--from-literal=user=admin"]);
  await openList(page, route("", "v1", "secrets"));
  await page.getByRole("row").filter({ hasText: "creds" }).click();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await editorText().toContain("name: creds");
  expect(await editor().locator(".view-lines").innerText()).not.toContain("OldPass42");
  await editor().getByRole("button", { name: "Show values as plain text (stringData)" }).click();
  await editorText().toContain("password: OldPass42");
  await shot(page, "secret-stringdata");
  await line("password: OldPass42").getByText("OldPass42").dblclick();
  await page.keyboard.type("NewPass42");
  await editorText().toContain("password: NewPass42");
  await review();
  await textOf(resultRow(`secrets ${ns}/creds`)).toContain("configured (dry run)");
  await editor().getByRole("button", { name: "Apply", exact: true }).click();
  await textOf(resultRow(`secrets ${ns}/creds`)).toMatch(/configured(?! \(dry run\))/);
  expect(Buffer.from(await jsonpath(["secret", "creds"], "{.data.password}"), "base64").toString()).toBe("NewPass42");
  expect(Buffer.from(await jsonpath(["secret", "creds"], "{.data.user}"), "base64").toString()).toBe("admin");
  // Neither the drafts nor the change journal wrote a value, in clear or in base64.
  const walk = (d: string): string[] =>
    existsSync(d) ? readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [readFileSync(join(d, f), "utf8")])) : [];
  const onDisk = [...walk(join(app.userData, "drafts")), ...walk(join(app.userData, "journal"))].join("\n");
  expect(onDisk).toContain("creds");
  for (const value of ["OldPass42", "NewPass42"]) {
    expect(onDisk).not.toContain(value);
    expect(onDisk).not.toContain(Buffer.from(value).toString("base64"));
  }
  await editor().getByRole("button", { name: "Close" }).click();
  await page.keyboard.press("Escape");
});

it("reads right in Chinese", async () => {
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文（简体）" }).click();
  await openList(page, route("apps", "v1", "deployments"));
  await page.getByRole("row").filter({ hasText: "edited" }).click();
  await page.getByRole("button", { name: "编辑", exact: true }).click();
  const zh = page.getByRole("dialog", { name: /^编辑 / });
  await expect.poll(async () => (await zh.locator(".view-lines").innerText()).replace(/\u00a0/g, " "), { timeout: 20_000 }).toContain("replicas: 3");
  await shotBothThemes(shot, page, "editor-zh");
  await line("replicas: 3", zh).getByText("3", { exact: true }).dblclick();
  await page.keyboard.type("4");
  await zh.getByRole("button", { name: "检查变更" }).click();
  await textOf(zh.getByRole("table", { name: "每个文档的结果" })).toContain("已配置（试运行）");
  // The diff editor is made a frame after its box and marks the change once its worker has
  // compared the texts: the screenshots wait for the mark.
  await shown(zh.locator(".modified-in-monaco-diff-editor .line-insert"));
  await shotBothThemes(shot, page, "review-zh");
  // Only reviewed: nothing changed.
  expect(await jsonpath(["deployment", "edited"], "{.spec.replicas}")).toBe("3");
  await zh.getByRole("button", { name: "返回编辑" }).click();
  // The edit was kept as a draft meanwhile; it goes.
  await zh.getByRole("button", { name: "丢弃草稿" }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "语言" }).click();
  await page.getByRole("option", { name: "English" }).click();
});
