import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame, encodeFrameInSlices, frameSize, longTextChars, sliceChars, WireError, type Frame } from "./wire.ts";

describe("frames", () => {
  it("sends a message without bytes as JSON text, and does not look for bytes unless asked", () => {
    const m = { t: "event", id: 3, event: { rows: [{ key: "demo/a", cells: ["a", "1/1"] }] } };
    expect(encodeFrame(m)).toBe(JSON.stringify(m));
    expect(encodeFrame(m, true)).toBe(JSON.stringify(m));
    expect(decodeFrame(encodeFrame(m))).toEqual(m);
  });

  it("carries bytes untouched, a UTF-8 character split across two chunks included", () => {
    const zhong = new TextEncoder().encode("中"); // e4 b8 ad
    const all = new Uint8Array(256).map((_, i) => i);
    const m = { t: "input", id: 7, input: { parts: [zhong.subarray(0, 2), zhong.subarray(2)], all, note: "bytes: ✓" } };
    const frame = encodeFrame(m, true);
    expect(frame).toBeInstanceOf(Uint8Array);
    const back = decodeFrame(frame) as typeof m;
    expect([...back.input.parts[0]]).toEqual([0xe4, 0xb8]);
    expect([...back.input.parts[1]]).toEqual([0xad]);
    expect([...back.input.all]).toEqual([...all]);
    expect(back.input.note).toBe("bytes: ✓");
    expect(new TextDecoder().decode(new Uint8Array([...back.input.parts[0], ...back.input.parts[1]]))).toBe("中");
    // The payload is the bytes themselves: no base64 growth.
    expect(frameSize(frame)).toBeLessThan(256 + 3 + 200);
  });

  it("reads a frame that arrives as an ArrayBuffer or as a view into a larger buffer", () => {
    const frame = encodeFrame({ t: "event", id: 1, event: { data: new Uint8Array([1, 2, 3]) } }, true) as Uint8Array;
    const padded = new Uint8Array(frame.byteLength + 10);
    padded.set(frame, 5);
    for (const f of [frame.slice().buffer, padded.subarray(5, 5 + frame.byteLength)]) {
      expect([...(decodeFrame(f) as { event: { data: Uint8Array } }).event.data]).toEqual([1, 2, 3]);
    }
  });

  it("never takes a key named like a marker for bytes", () => {
    const m = { t: "event", id: 1, event: { $b: [0, 1], b: [[["x"], 0, 1]], data: new Uint8Array([9]) } };
    expect(decodeFrame(encodeFrame(m, true))).toEqual(m);
  });

  it("carries a walked message's long strings as UTF-8, not as JSON text, and gives them back as they were", () => {
    // A manifest of some 180 KB in two scripts, CR LF included, as the editor saves it, beside a short field and bytes.
    const text = `# 中文 ✓ 😀\r\n${'data:\n  key: "value"\n'.repeat(longTextChars / 8)}`;
    const m = { t: "call", id: 9, name: "drafts.save", input: { text, title: "ConfigMap", copies: [text], data: new Uint8Array([7]) } };
    const frame = encodeFrame(m, true);
    expect(frame).toBeInstanceOf(Uint8Array);
    // Two payloads of the text's UTF-8 bytes, with no JSON escapes around them.
    expect(frameSize(frame)).toBeLessThan(2 * new TextEncoder().encode(text).byteLength + 400);
    const back = decodeFrame(frame) as typeof m;
    expect(back.input.text === text && back.input.copies[0] === text).toBe(true);
    expect(back.input.title).toBe("ConfigMap");
    expect([...back.input.data]).toEqual([7]);
    // Not walked, or shorter than the threshold: JSON text, as before.
    expect(encodeFrame({ ...m, input: { text } })).toBe(JSON.stringify({ ...m, input: { text } }));
    expect(encodeFrame({ t: "call", id: 1, input: { text: "x".repeat(longTextChars - 1) } }, true)).toBeTypeOf("string");
  });

  it("carries a long string whose every character takes three bytes of UTF-8, none cut off", () => {
    // The most UTF-8 needs per UTF-16 unit: the buffer the text is encoded into is filled to its end.
    const text = "中".repeat(longTextChars) + "文";
    const frame = encodeFrame({ t: "call", id: 2, input: { text } }, true);
    expect(frameSize(frame)).toBeGreaterThanOrEqual(3 * text.length);
    expect((decodeFrame(frame) as { input: { text: string } }).input.text).toBe(text);
  });

  it("leaves a long string with a lone surrogate in the JSON text, where it survives", () => {
    const text = `${"y".repeat(longTextChars)}\ud800`;
    const frame = encodeFrame({ t: "call", id: 1, input: { text } }, true);
    expect(frame).toBeTypeOf("string");
    expect((decodeFrame(frame) as { input: { text: string } }).input.text).toBe(text);
  });

  it("encodes megabytes of text a slice per pause, into the very frame it would make at once", async () => {
    // A surrogate pair across each slice's edge: cut there, either half would be lost.
    const text = `${"a".repeat(sliceChars - 1)}😀${"中文 ✓\n".repeat(sliceChars / 2)}${"b".repeat(sliceChars - 1)}😀`;
    const m = { t: "call", id: 4, name: "drafts.save", input: { text, base: "x".repeat(longTextChars), data: new Uint8Array([1, 2]), title: "ConfigMap" } };
    let pauses = 0;
    const later = encodeFrameInSlices(m, async () => void pauses++);
    expect(later).toBeInstanceOf(Promise);
    const frame = await later;
    // Each slice of the long text, then the short long string, each followed by a pause.
    expect(pauses).toBe(Math.ceil(text.length / sliceChars) + 1);
    // Compared as buffers: toEqual walks megabytes element by element, for seconds.
    const same = (a: Frame, b: Frame) => Buffer.compare(a as Uint8Array, b as Uint8Array) === 0;
    expect(same(frame, encodeFrame(m, true))).toBe(true);
    const back = decodeFrame(frame) as typeof m;
    expect(back.input.text === text).toBe(true);
    expect([...back.input.data]).toEqual([1, 2]);
    // Up to sliceChars in all, at once, with no pause.
    const small = { t: "call", id: 5, input: { text: "y".repeat(sliceChars) } };
    const now = encodeFrameInSlices(small, async () => void pauses++);
    expect(same(now as Frame, encodeFrame(small, true))).toBe(true);
    expect(pauses).toBe(Math.ceil(text.length / sliceChars) + 1);
  });

  it("refuses what is not a frame, saying why", () => {
    const bad = (f: string | Uint8Array, why: RegExp) => expect(() => decodeFrame(f)).toThrow(why);
    bad("{not json", /not JSON/);
    bad(new Uint8Array([0, 0]), /shorter than its header length/);
    bad(new Uint8Array([0, 0, 0, 50, 123]), /shorter than its header/);
    const header = (h: string) => {
      const text = new TextEncoder().encode(h);
      const f = new Uint8Array(4 + text.byteLength + 2);
      new DataView(f.buffer).setUint32(0, text.byteLength);
      f.set(text, 4);
      return f;
    };
    bad(header('{"m":{"a":null}}'), /no byte positions/);
    bad(header('{"m":{"a":null},"b":[[["a"],0,5]]}'), /out of range/);
    bad(header('{"m":{"a":1},"b":[[["a"],0,1]]}'), /over a value/);
    bad(header('{"m":{},"b":[[["x","y"],0,1]]}'), /does not exist/);
    bad(header('{"m":{"a":null},"b":[],"s":{}}'), /text positions are not a list/);
    bad(header('{"m":{"a":null},"b":[],"s":[[["a"],0,3]]}'), /out of range/);
    const badText = header('{"m":{"a":null},"b":[],"s":[[["a"],0,2]]}');
    badText.set([0xc3, 0x28], badText.byteLength - 2);
    bad(badText, /text at a is not UTF-8/);
    const notUtf8 = header("{}");
    notUtf8[5] = 0xff;
    bad(notUtf8, /not UTF-8 JSON/);
    expect(() => decodeFrame("{x")).toThrow(WireError);
  });
});
