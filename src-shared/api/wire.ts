// How messages travel (DESIGN §3.1): one frame per message, the same frames over Electron IPC
// and the serve-mode WebSocket. A message without bytes is JSON text. A message that
// carries bytes (terminal output, stdin) is one binary frame, so that bytes cross untouched
// (no UTF-8 decoding on the way, no base64 growth):
//
//   [u32 big-endian: header length][header: JSON, UTF-8][the byte payloads, back to back]
//
// The header is { m: the message with each byte array replaced by null, b: [[path, offset, length], …] }:
// positions are listed, never guessed from the data, so no object key can be mistaken for bytes.
// A frame that is walked for bytes also carries its long strings (a manifest of megabytes that
// the editor saves as a draft) as UTF-8 payloads, listed in `s`: in a profile of a 5 MB draft
// save, the renderer's task went from 52 ms (JSON text) to about 36 (encoding and sending the
// bytes), and main decodes the text without JSON.parse. Those strings are encoded with
// `encodeInto`, not `encode`: in Chromium, `encode` of 5 MB of YAML took 35-65 ms, `encodeInto`
// (into a buffer three times the string's length, the most UTF-8 can need) 12-28. What is
// left of that task is mostly WebSocket.send copying the frame.
//
// A frame whose long strings add up to megabytes can also be encoded a slice per task
// (`encodeFrameInSlices`): the renderer's task that saved the bench's 5 MB draft in one go
// took 82-142 ms, the longest of that editor step.

export type Frame = string | Uint8Array;

/** A frame that cannot be a message: not UTF-8, not JSON, or a binary layout that does not add up. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WireError";
  }
}

type Path = (string | number)[];

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Strings at least this long travel as UTF-8 payloads in a frame walked for bytes. */
export const longTextChars = 64 * 1024;

// A lone surrogate would not survive UTF-8: such a string stays in the JSON, escaped.
const travelsAsText = (v: unknown): v is string => typeof v === "string" && v.length >= longTextChars && v.isWellFormed();

/** A payload found in a message: where it sits, and its bytes or its (long) string. */
type Payload = [Path, Uint8Array | string];

/** A string's UTF-8 bytes (a view into a buffer of up to three times its length, dropped with it). */
function utf8(text: string): Uint8Array {
  const buffer = new Uint8Array(text.length * 3);
  return buffer.subarray(0, encoder.encodeInto(text, buffer).written);
}

/** Every byte array and long string in `value`, with where it sits; `value` is not changed. */
function findPayloads(value: unknown, at: Path, out: Payload[]) {
  // `at` is one path, grown and shrunk as the walk goes: copied only for what is found.
  if (travelsAsText(value) || value instanceof Uint8Array) out.push([[...at], value]);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      at.push(k);
      findPayloads(v, at, out);
      at.pop();
    }
  }
}

/**
 * One message as a frame. `mayHaveBytes` says whether to look for byte arrays (and long
 * strings) at all: only messages that may carry them are walked, so that a 30,000-row
 * snapshot is not walked for nothing.
 */
export function encodeFrame(message: unknown, mayHaveBytes = false): Frame {
  const found: Payload[] = [];
  if (mayHaveBytes) findPayloads(message, [], found);
  return atOnce(message, found);
}

/** The frame of `message`, given the payloads `found` in it, each encoded now. */
function atOnce(message: unknown, found: Payload[]): Frame {
  if (!found.length) return JSON.stringify(message);
  return frameOf(
    message,
    found,
    found.map(([, v]) => [typeof v === "string" ? utf8(v) : v]),
  );
}

/** A frame whose long strings add up to more than this many characters is encoded in slices of this size. */
export const sliceChars = 512 * 1024;

/**
 * A walked message as a frame (as `encodeFrame(message, true)`): at once, or, when its long
 * strings add up to more than `sliceChars`, later, each string encoded a slice at a time with
 * `pause()` (a task of its own, in the renderer) after each slice.
 */
export function encodeFrameInSlices(message: unknown, pause: () => Promise<void>): Frame | Promise<Frame> {
  const found: Payload[] = [];
  findPayloads(message, [], found);
  const chars = found.reduce((n, [, v]) => n + (typeof v === "string" ? v.length : 0), 0);
  if (chars <= sliceChars) return atOnce(message, found);
  return (async () => {
    const bytes: Uint8Array[][] = [];
    // Each slice is encoded into this buffer (the most its UTF-8 can need), and only its bytes are kept.
    const scratch = new Uint8Array((sliceChars + 1) * 3);
    for (const [, v] of found) {
      if (typeof v !== "string") {
        bytes.push([v]);
        continue;
      }
      const pieces: Uint8Array[] = [];
      for (let start = 0; start < v.length;) {
        let end = Math.min(start + sliceChars, v.length);
        // Never between the halves of a surrogate pair: neither half alone is UTF-8.
        const last = v.charCodeAt(end - 1);
        if (end < v.length && last >= 0xd800 && last <= 0xdbff) end++;
        pieces.push(scratch.slice(0, encoder.encodeInto(v.slice(start, end), scratch).written));
        start = end;
        await pause();
      }
      bytes.push(pieces);
    }
    return frameOf(message, found, bytes);
  })();
}

/** The binary frame of `message`, given the bytes of each payload found in it (in pieces, back to back). */
function frameOf(message: unknown, found: Payload[], bytes: Uint8Array[][]): Uint8Array {
  const b: [Path, number, number][] = [];
  const s: [Path, number, number][] = [];
  const texts = new Set<unknown>();
  let offset = 0;
  found.forEach(([path, v], i) => {
    const length = bytes[i].reduce((n, piece) => n + piece.byteLength, 0);
    if (typeof v === "string") texts.add(v);
    (typeof v === "string" ? s : b).push([path, offset, length]);
    offset += length;
  });
  // JSON.stringify turns a byte array into {"0":…}; the replacer leaves nulls in their place.
  // The strings found are looked up in a set: checking each one's well-formedness again
  // would read megabytes again.
  const header = encoder.encode(JSON.stringify({ m: message, b, ...(s.length && { s }) }, (_k, v) => (v instanceof Uint8Array || texts.has(v) ? null : v)));
  const frame = new Uint8Array(4 + header.byteLength + offset);
  new DataView(frame.buffer).setUint32(0, header.byteLength);
  frame.set(header, 4);
  let at = 4 + header.byteLength;
  for (const piece of bytes.flat()) {
    frame.set(piece, at);
    at += piece.byteLength;
  }
  return frame;
}

function place(target: unknown, path: Path, value: Uint8Array | string) {
  if (!path.length) throw new WireError("a whole message cannot be bytes");
  let cur = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = cur?.[key];
    if (next === null || typeof next !== "object") throw new WireError(`bytes placed at a path that does not exist: ${path.join(".")}`);
    cur = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (cur[last] !== null) throw new WireError(`bytes placed over a value at ${path.join(".")}`);
  cur[last] = value;
}

function textOf(piece: Uint8Array, path: Path): string {
  try {
    return decoder.decode(piece);
  } catch {
    throw new WireError(`a binary frame's text at ${path.join(".")} is not UTF-8`);
  }
}

/** The message a frame carries; throws a WireError for anything that is not a well-formed frame. */
export function decodeFrame(frame: string | Uint8Array | ArrayBuffer): unknown {
  if (typeof frame === "string") {
    try {
      return JSON.parse(frame);
    } catch (e) {
      throw new WireError(`not JSON: ${(e as Error).message}`);
    }
  }
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.byteLength < 4) throw new WireError("a binary frame shorter than its header length");
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (4 + headerLength > bytes.byteLength) throw new WireError("a binary frame shorter than its header");
  let header: { m?: unknown; b?: unknown; s?: unknown };
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + headerLength)));
  } catch (e) {
    throw new WireError(`a binary frame's header is not UTF-8 JSON: ${(e as Error).message}`);
  }
  if (header === null || typeof header !== "object" || !Array.isArray(header.b)) throw new WireError("a binary frame's header has no byte positions");
  if (header.s !== undefined && !Array.isArray(header.s)) throw new WireError("a binary frame's text positions are not a list");
  const payload = bytes.subarray(4 + headerLength);
  for (const [list, text] of [
    [header.b, false],
    [header.s ?? [], true],
  ] as const) {
    for (const entry of list) {
      const [path, offset, length] = Array.isArray(entry) ? entry : [];
      const valid =
        Array.isArray(path) &&
        path.every((p) => typeof p === "string" || Number.isInteger(p)) &&
        Number.isInteger(offset) &&
        Number.isInteger(length) &&
        offset >= 0 &&
        length >= 0 &&
        offset + length <= payload.byteLength;
      if (!valid) throw new WireError("a binary frame's byte position is out of range");
      const piece = payload.subarray(offset, offset + length);
      // Bytes as a copy, so that the frame's buffer is not kept alive by a small piece of it.
      place(header.m, path, text ? textOf(piece, path) : piece.slice());
    }
  }
  return header.m;
}

/** A frame's size in bytes as flow control counts it (UTF-16 units for text: close enough, and free). */
export const frameSize = (frame: Frame): number => (typeof frame === "string" ? frame.length : frame.byteLength);
