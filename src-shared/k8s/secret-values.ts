// A Secret's `data` values are base64 of arbitrary bytes: a password, a certificate, or a
// keystore. Text is shown as text; anything that is not valid UTF-8 text is said to be binary
// (with its size), never shown as mojibake.
import type { SecretValue } from "../api/types.ts";

const decoder = new TextDecoder("utf-8", { fatal: true });
// Control characters other than tab, newline and carriage return do not occur in text people write.
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function decodeSecretValue(key: string, base64: string): SecretValue {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return { key, bytes: 0, base64 };
  }
  try {
    const text = decoder.decode(bytes);
    if (!controls.test(text)) return { key, bytes: bytes.length, text, base64 };
  } catch {
    // Not UTF-8: binary.
  }
  return { key, bytes: bytes.length, base64 };
}
