/**
 * Appearance and language settings: theme, reader font size, UI locale. The library store keeps them;
 * a copy in localStorage lets the first paint use the right theme before the core answers.
 */
import type { LocaleSetting, Settings, ThemeSetting } from '$contract';
import { call } from '../api';
import { i18n } from '../i18n/i18n.svelte';

export const FONT_MIN = 12;
export const FONT_MAX = 32;
export const FONT_DEFAULT = 18;
const CACHE_KEY = 'yuelan.settings';
const SAVE_DELAY_MS = 400;

export type ResolvedTheme = 'light' | 'dark' | 'sepia';

function clampFont(n: number): number {
  return Math.min(FONT_MAX, Math.max(FONT_MIN, Math.round(n)));
}

class SettingsState {
  theme = $state<ThemeSetting>('system');
  fontSize = $state(FONT_DEFAULT);
  locale = $state<LocaleSetting>('system');
  systemDark = $state(false);
  error = $state<string | null>(null);

  resolvedTheme: ResolvedTheme = $derived(
    this.theme === 'system' ? (this.systemDark ? 'dark' : 'light') : this.theme,
  );

  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #pending: Partial<Pick<Settings, 'theme' | 'fontSize' | 'locale'>> = {};

  constructor() {
    this.#readCache();
    if (typeof matchMedia === 'function') {
      const query = matchMedia('(prefers-color-scheme: dark)');
      this.systemDark = query.matches;
      query.addEventListener?.('change', (e) => (this.systemDark = e.matches));
    }
  }

  #readCache(): void {
    try {
      const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(CACHE_KEY);
      if (raw) this.#assign(JSON.parse(raw) as Partial<Settings>);
    } catch {
      // A broken cache only costs the first paint.
    }
  }

  #writeCache(): void {
    try {
      localStorage.setItem(
        CACHE_KEY,
        JSON.stringify({ theme: this.theme, fontSize: this.fontSize, locale: this.locale }),
      );
    } catch {
      // Not fatal: the library store is the real home of the settings.
    }
  }

  #assign(s: Partial<Settings>): void {
    if (s.theme) this.theme = s.theme;
    if (typeof s.fontSize === 'number') this.fontSize = clampFont(s.fontSize);
    if (s.locale) {
      this.locale = s.locale;
      i18n.set(s.locale);
    }
  }

  async load(): Promise<void> {
    try {
      this.#assign(await call('library:settings', {}));
      this.#writeCache();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Applies a change at once and saves it shortly after (font size keys repeat quickly). */
  update(patch: Partial<Pick<Settings, 'theme' | 'fontSize' | 'locale'>>): void {
    if (patch.fontSize !== undefined) patch = { ...patch, fontSize: clampFont(patch.fontSize) };
    this.#assign(patch);
    this.#writeCache();
    Object.assign(this.#pending, patch);
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.#saveTimer);
    const patch = this.#pending;
    this.#pending = {};
    if (Object.keys(patch).length === 0) return;
    try {
      await call('library:updateSettings', patch);
      this.error = null;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  changeFontSize(delta: number): void {
    this.update({ fontSize: this.fontSize + delta });
  }

  resetFontSize(): void {
    this.update({ fontSize: FONT_DEFAULT });
  }

  reset(): void {
    this.theme = 'system';
    this.fontSize = FONT_DEFAULT;
    this.locale = 'system';
    this.#pending = {};
  }
}

export const settings = new SettingsState();
