/**
 * The user's own records: the one part of Yuelan that can never be rebuilt from the archive.
 */

export interface Bookmark {
  articleId: string;
  createdAt: string;
  tags: string[];
  note?: string;
}

export interface ReadingState {
  /** Fraction of the article scrolled, 0..1. */
  position: number;
  readAt: string;
}

export type ThemeSetting = 'system' | 'light' | 'dark' | 'sepia';
export type LocaleSetting = 'system' | 'zh-CN' | 'en';

export interface Settings {
  theme: ThemeSetting;
  fontSize: number;
  locale: LocaleSetting;
  /** Folders the user imported, watched for new files while the app runs. */
  archiveFolders: string[];
}

export interface LibraryData {
  schemaVersion: number;
  bookmarks: Bookmark[];
  annotations: unknown[];
  reading: Record<string, ReadingState>;
  settings: Settings;
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontSize: 18,
  locale: 'system',
  archiveFolders: [],
};
