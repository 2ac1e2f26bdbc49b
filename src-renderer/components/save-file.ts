// Saves what the user asked for as a file (an export, a log): a download of a Blob, which the
// browser and Electron each turn into their own save (Electron asks where).
export function saveBlobFile(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  // Revoked later: the download reads the Blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const saveTextFile = (name: string, text: string, type: string) => saveBlobFile(name, new Blob([text], { type }));
