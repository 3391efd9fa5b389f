/**
 * The window's size, position and maximised state, restored at the next start. Kept in its own small
 * file beside the library: it is not user data, and a bad value must never touch library.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../archive/store/durable-json-file.js';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function windowStateFile(dataDir: string): string {
  return join(dataDir, 'window-state.json');
}

/** The saved state, or the default when the file is missing, broken or off every screen. */
export async function loadWindowState(file: string, screens: Rect[]): Promise<WindowState> {
  let saved: Partial<WindowState>;
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as Partial<WindowState>;
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const width = clampInt(saved.width, 480, 10000) ?? DEFAULT_WINDOW_STATE.width;
  const height = clampInt(saved.height, 360, 10000) ?? DEFAULT_WINDOW_STATE.height;
  const state: WindowState = { width, height, maximized: saved.maximized === true };
  const x = clampInt(saved.x, -100000, 100000);
  const y = clampInt(saved.y, -100000, 100000);
  // A position is kept only if the window's top-left area is still on a screen (a monitor may be gone).
  if (x !== undefined && y !== undefined && screens.some((s) => inside(x + 40, y + 20, s))) {
    state.x = x;
    state.y = y;
  }
  return state;
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileDurably(file, JSON.stringify(state));
}

function clampInt(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v)
    ? Math.min(max, Math.max(min, Math.round(v)))
    : undefined;
}

function inside(x: number, y: number, r: Rect): boolean {
  return x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height;
}
