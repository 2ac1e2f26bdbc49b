// Where Kubedeck keeps its settings when Electron is not there to say (serve mode): the
// same folder Electron's app.getPath("userData") gives on each OS, so both modes share it.
import { homedir } from "node:os";
import { join } from "node:path";

export const appName = "Kubedeck";

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", appName);
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), appName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), appName);
}
