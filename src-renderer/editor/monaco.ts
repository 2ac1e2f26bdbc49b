// Monaco, as little of it as the editor needs (DESIGN §5), bundled: the editor core with its
// standard features (hover, suggest, find, folding, the diff editor), the YAML tokenizer, and
// monaco-yaml's language service in a worker. No other language and nothing from a network.
// This module is loaded only with the editor (the YamlEditor chunk), never at start.
//
// It is evaluated in three tasks: the editor's core, then its features, then the YAML
// language. Evaluated at once, they held the page for over 100 ms when the first editor opened.
// The features must be in before any editor is made: the top-level awaits below hold back
// every module that imports this one until they are.
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker.js?worker";
import { configureMonacoYaml, type SchemasSettings } from "monaco-yaml";
import { nextTask } from "../data/next-task.ts";
import YamlWorker from "./yaml.worker.ts?worker";

await nextTask();
await import("monaco-editor/esm/vs/editor/editor.all.js");
await nextTask();
await import("monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js");

(globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === "yaml" ? new YamlWorker() : new EditorWorker()),
};

// Monaco cancels what a disposed editor still waited for (a validation, a hover) by rejecting
// with its CancellationError, which nobody awaits: expected, not an error to report.
window.addEventListener("unhandledrejection", (e) => {
  const reason = e.reason as { name?: string; message?: string } | undefined;
  if (reason?.name === "Canceled" && reason.message === "Canceled") e.preventDefault();
});

/** One language service for every editor; each model's schema is set by its URI. */
const yaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  // The source would be our own kubedeck:// address, which tells a user nothing.
  hoverSchemaSource: false,
  schemas: [],
});

const schemas = new Map<string, SchemasSettings>();

let updating = false;

/**
 * Sets (or, with undefined, clears) the schema of one editor model. The language service hears
 * of it in a task of its own, once for all the changes made meanwhile: its first update starts
 * its worker, which took 12-15 ms inside the editor dialog's first commit.
 */
export function setModelSchema(modelUri: string, schema: SchemasSettings["schema"] | undefined) {
  if (schema) schemas.set(modelUri, { uri: `${modelUri}.schema.json`, fileMatch: [modelUri], schema });
  else schemas.delete(modelUri);
  if (updating) return;
  updating = true;
  void nextTask().then(() => {
    updating = false;
    void yaml.update({ schemas: [...schemas.values()] });
  });
}

export { monaco };
