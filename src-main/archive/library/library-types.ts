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

import type { HighlightColor, LocaleSetting, ThemeSetting } from '../../api/enums.js';

export type { HighlightColor, LocaleSetting, ThemeSetting };

export interface Settings {
  theme: ThemeSetting;
  fontSize: number;
  locale: LocaleSetting;
  /** All articles and the timeline hide headline-only entries (absent: show them). */
  readableOnly?: boolean;
  /** Folders the user imported, watched for new files while the app runs. */
  archiveFolders: string[];
}

/** Marks a JSON file as an exported Yuelan library. */
export const LIBRARY_FORMAT = 'yuelan-library';

export { HIGHLIGHT_COLORS } from '../../api/enums.js';

/**
 * Where a highlight sits, twice over (as in the W3C Web Annotation model): by position in the
 * article's blocks, and by its exact text with some context either side, so it can be found again
 * when a re-import moves the text.
 */
export interface AnnotationTarget {
  position: { startBlock: number; startOffset: number; endBlock: number; endOffset: number };
  quote: { exact: string; prefix: string; suffix: string };
}

export interface Annotation {
  id: string;
  articleId: string;
  color: HighlightColor;
  note?: string;
  tags: string[];
  target: AnnotationTarget;
  createdAt: string;
  updatedAt: string;
}

export interface LibraryData {
  schemaVersion: number;
  bookmarks: Bookmark[];
  annotations: Annotation[];
  reading: Record<string, ReadingState>;
  settings: Settings;
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontSize: 18,
  locale: 'system',
  archiveFolders: [],
};
