/** Encryption by the OS keychain (Electron's safeStorage), when there is one: what keeps Secret values off the disk in clear. */
export interface Sealer {
  seal(text: string): Buffer;
  open(sealed: Buffer): string;
}
