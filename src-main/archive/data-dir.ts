/**
 * Where a library lives. The app, the serve shell and the CLI resolve the same folder, so the CLI sees
 * the bookmarks made in the app: `--data DIR`, else $YUELAN_DATA, else the folder Electron would use
 * for userData on this OS (appData/Yuelan).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER_NAME = 'Yuelan';

export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.YUELAN_DATA) return resolve(env.YUELAN_DATA);
  return join(appDataDir(env), APP_FOLDER_NAME);
}

/** Electron's app.getPath('appData') on each OS. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}
