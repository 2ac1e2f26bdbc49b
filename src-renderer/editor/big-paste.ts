// A very large paste (a multi-megabyte manifest) goes into the model in slices, one task each.
// Monaco's own paste does it in one task: it counts the text's lines several times over and
// lays out every new line at once, a quarter of a second and more for 5 MB on our machines,
// with the page frozen meanwhile. The slices make one undo step, as Monaco's paste would;
// the editor is read-only until the last one is in, so nothing typed lands between them.
import { monaco } from "./monaco.ts";
import { nextTask } from "../data/next-task.ts";
import { bigPasteChars, pasteSlices } from "./paste-slices.ts";

interface Hooks {
  /** The first slice is about to go in: the model will change several times in a row. */
  onStart(): void;
  /** The paste is over, whole or (the editor closed meanwhile) cut short. */
  onEnd(): void;
}

/**
 * Takes over pastes of `bigPasteChars` and more into the editor that `container` is made to
 * hold; returns what stops that. Call it before `monaco.editor.create`: Monaco's paste
 * controller captures the event on the same container too (and, were its "paste as" on, would
 * stop it there), so ours must be added first.
 */
export function sliceLargePastes(container: HTMLElement, editorOf: () => monaco.editor.IStandaloneCodeEditor | undefined, hooks: Hooks): () => void {
  let disposed = false;
  const onPaste = (e: ClipboardEvent) => {
    const editor = editorOf();
    const text = e.clipboardData?.getData("text/plain") ?? "";
    const model = editor?.getModel();
    const selections = editor?.getSelections() ?? [];
    // Not into the text (the find widget's input, say), or several cursors, which share a
    // paste out line by line: those stay Monaco's.
    if (!editor || !model || text.length < bigPasteChars || !editor.hasTextFocus() || selections.length !== 1) return;
    if (editor.getOption(monaco.editor.EditorOption.readOnly)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void insertInSlices(editor, model, selections[0], text, hooks, () => disposed);
  };
  container.addEventListener("paste", onPaste, true);
  return () => {
    disposed = true;
    container.removeEventListener("paste", onPaste, true);
  };
}

async function insertInSlices(
  editor: monaco.editor.IStandaloneCodeEditor,
  model: monaco.editor.ITextModel,
  selection: monaco.Selection,
  text: string,
  hooks: Hooks,
  disposed: () => boolean,
) {
  hooks.onStart();
  editor.updateOptions({ readOnly: true });
  // For assistive technology (and tests): the editor's text is being changed.
  const container = editor.getContainerDomNode();
  container.setAttribute("aria-busy", "true");
  // The cursor follows the text in, as after Monaco's paste, until the user moves it (the
  // editor is read-only, not frozen: they may scroll, search and move about meanwhile).
  let moved = false;
  const watch = editor.onDidChangeCursorSelection((e) => (moved ||= e.source === "keyboard" || e.source === "mouse"));
  let end = selection.getStartPosition();
  let range: monaco.IRange = selection;
  try {
    // Edits pushed between two stack elements are one undo step.
    model.pushStackElement();
    // Each slice in a task of its own, the first one included: the paste event's own task
    // already holds the browser handing over the text (50 ms for 5 MB).
    for (const [i, slice] of pasteSlices(text).entries()) {
      await nextTask();
      if (disposed() || model.isDisposed()) return;
      model.pushEditOperations(i === 0 ? [selection] : null, [{ range, text: slice, forceMoveMarkers: true }], (inverse) => {
        // Where this slice now lies: the next one goes after it (line breaks may have been normalized).
        end = inverse[0].range.getEndPosition();
        return [monaco.Selection.fromPositions(end)];
      });
      range = monaco.Range.fromPositions(end);
      if (!moved) {
        editor.setSelection(range);
        editor.revealPosition(end);
      }
    }
    // Closing the undo step copies the whole text into Monaco's undo record (40-55 ms for
    // 5 MB): a task of its own too.
    await nextTask();
    if (disposed() || model.isDisposed()) return;
    model.pushStackElement();
  } finally {
    watch.dispose();
    container.removeAttribute("aria-busy");
    if (!disposed() && !model.isDisposed()) editor.updateOptions({ readOnly: false });
    hooks.onEnd();
  }
}
