// Our own small React wrapper around Monaco (DESIGN §5): @monaco-editor/react would fetch
// Monaco from a CDN unless configured. One model per editor, named by `id`, so monaco-yaml
// can give each its own schema; markers of ours (the server's rejections, kinds the cluster
// does not serve) sit beside the language service's under their own owner. Editors are made
// a frame after their box is drawn: making one measures its fonts and box, which otherwise
// forced the surrounding dialog's first style and layout into the same long task.
import { useComputedColorScheme } from "@mantine/core";
import { useEffect, useRef } from "react";
import { sliceLargePastes } from "./big-paste.ts";
import { monaco, setModelSchema } from "./monaco.ts";
import { afterNextPaint } from "../data/next-task.ts";

export interface EditorMarker {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
}

interface Props {
  id: string;
  /** The text the editor opens with; later changes are the user's (remount with a new key to replace it). */
  initial: string;
  onChange(text: string): void;
  schema?: Record<string, unknown>;
  markers?: EditorMarker[];
  ariaLabel: string;
  height: number | string;
  /** Where to put the cursor first (1-based). */
  reveal?: { line: number; column: number };
}

export function useMonacoTheme() {
  const dark = useComputedColorScheme("light") === "dark";
  useEffect(() => monaco.editor.setTheme(dark ? "vs-dark" : "vs"), [dark]);
}

const common: monaco.editor.IEditorOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  // Completion and hover widgets may overflow the editor (a dialog's edge) instead of being cut.
  fixedOverflowWidgets: true,
  // Monaco's "paste as" controller takes every paste and applies it a task or more later, and
  // drops it if the selection moves meanwhile: Ctrl+V then Ctrl+Home lost the paste in 1 of 6
  // first openings with the cores busy (and in 2 of 3 bench runs). Without it a paste is
  // applied in its own event.
  pasteAs: { enabled: false },
  // Sticky scroll finds a YAML line's parents by indentation, as YAML itself does. Monaco's
  // default (the outline model) asked the YAML worker for every document's symbols after each
  // change and built an outline of them: for the bench's 5 MB file, a task of 80 ms of CPU
  // (300 ms and more of wall time on two busy cores) after the paste, and the worker's time.
  stickyScroll: { defaultModel: "indentationModel" },
};

export function YamlEditor({ id, initial, onChange, schema, markers, ariaLabel, height, reveal }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const model = useRef<monaco.editor.ITextModel>(undefined);
  const change = useRef(onChange);
  change.current = onChange;
  useMonacoTheme();

  useEffect(() => {
    const uri = monaco.Uri.parse(`inmemory://kubedeck/${id}.yaml`);
    monaco.editor.getModel(uri)?.dispose();
    const m = monaco.editor.createModel(initial, "yaml", uri);
    model.current = m;
    // A large paste changes the model slice by slice: the caller hears of it once, whole.
    let slicing = false;
    let editor: monaco.editor.IStandaloneCodeEditor | undefined;
    const stopSlicing = sliceLargePastes(host.current!, () => editor, {
      onStart: () => (slicing = true),
      onEnd: () => {
        slicing = false;
        if (!m.isDisposed()) change.current(m.getValue());
      },
    });
    const sub = m.onDidChangeContent(() => {
      if (!slicing) change.current(m.getValue());
    });
    let gone = false;
    void afterNextPaint().then(() => {
      if (gone) return;
      editor = monaco.editor.create(host.current!, { ...common, model: m, ariaLabel, tabSize: 2, insertSpaces: true });
      if (reveal) {
        editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
        editor.revealLineInCenter(reveal.line);
      }
      // Focused a frame later: focusing lays the page out again, 20 ms more in the task that
      // made the editor (the first editor's longest).
      const made = editor;
      void afterNextPaint().then(() => !gone && made.focus());
    });
    return () => {
      gone = true;
      sub.dispose();
      stopSlicing();
      setModelSchema(uri.toString(), undefined);
      editor?.dispose();
      m.dispose();
      model.current = undefined;
    };
    // The editor is made once per id; `initial` is only its first text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    if (model.current) setModelSchema(model.current.uri.toString(), schema);
  }, [id, schema]);

  useEffect(() => {
    const m = model.current;
    if (!m) return;
    monaco.editor.setModelMarkers(
      m,
      "kubedeck",
      (markers ?? []).map((k) => ({
        startLineNumber: k.line,
        startColumn: k.column,
        endLineNumber: k.line,
        endColumn: m.getLineMaxColumn(Math.min(k.line, m.getLineCount())),
        message: k.message,
        severity: k.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })),
    );
  }, [id, markers]);

  return <div ref={host} style={{ height, width: "100%", border: "1px solid var(--mantine-color-default-border)" }} />;
}

/** Side by side, read-only: what is on the server, and what it would be. */
export function YamlDiff({ original, modified, ariaLabel, height }: { original: string; modified: string; ariaLabel: string; height: number | string }) {
  const host = useRef<HTMLDivElement>(null);
  useMonacoTheme();
  useEffect(() => {
    const left = monaco.editor.createModel(original, "yaml");
    const right = monaco.editor.createModel(modified, "yaml");
    let diff: monaco.editor.IStandaloneDiffEditor | undefined;
    let gone = false;
    void afterNextPaint().then(() => {
      if (gone) return;
      diff = monaco.editor.createDiffEditor(host.current!, {
        ...common,
        readOnly: true,
        originalEditable: false,
        renderSideBySide: true,
        // Its gutter menu (revert, stage) has nothing to offer read-only, and its toolbar updates
        // after the editor is disposed (monaco-editor#4581: "AbstractContextKeyService has been disposed").
        renderGutterMenu: false,
        renderMarginRevertIcon: false,
        ariaLabel,
      });
      diff.setModel({ original: left, modified: right });
    });
    return () => {
      gone = true;
      diff?.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, ariaLabel]);
  return (
    <div role="region" aria-label={ariaLabel}>
      <div ref={host} style={{ height, width: "100%", border: "1px solid var(--mantine-color-default-border)" }} />
    </div>
  );
}
