// Where a very large paste is cut into the slices big-paste.ts inserts one task at a time.
// Pure, so it is tested without an editor.

/** Texts at least this long are pasted in slices; anything shorter goes through Monaco's own paste. */
export const bigPasteChars = 256 * 1024;
/** About how long each slice is: a few milliseconds of Monaco's work on our machines. */
export const pasteSliceChars = 128 * 1024;

/**
 * Cuts `text` into slices of about `size` characters that join back to it. Each slice ends
 * after a line break where one comes within another `size` characters; a longer line is cut
 * at `size`, but never between a CR and its LF or inside a surrogate pair.
 */
export function pasteSlices(text: string, size = pasteSliceChars): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start + size;
    if (end >= text.length) end = text.length;
    else {
      const lf = text.indexOf("\n", end - 1);
      if (lf !== -1 && lf < end + size) end = lf + 1;
      else {
        const before = text.charCodeAt(end - 1);
        // A high surrogate, or a CR whose LF would begin the next slice: keep the pair together.
        if ((before >= 0xd800 && before <= 0xdbff) || (before === 13 && text.charCodeAt(end) === 10)) end++;
      }
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}
