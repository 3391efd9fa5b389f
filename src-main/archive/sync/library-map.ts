/**
 * Between library.json and the synced items: what each bookmark, annotation, reading position and the
 * settings look like as item fields; a local change found by comparing the library with the items
 * (stamped with a fresh clock, so no write path in the library needs to know about sync); and an
 * item written back into the library once merged. The archive folders are this device's own paths and
 * never sync.
 */
import { annotationSchema, bookmarkSchema } from '../library/library-schemas.js';
import {
  DEFAULT_SETTINGS,
  type Annotation,
  type Bookmark,
  type LibraryData,
  type ReadingState,
  type Settings,
} from '../library/library-types.js';
import { LOCALE_SETTINGS, THEME_SETTINGS } from '../../api/enums.js';
import type { HybridClock } from './hlc.js';
import {
  canonicalJson,
  isLive,
  itemMaxClock,
  trimHistory,
  type Field,
  type ItemKind,
  type ItemState,
  type Json,
  type NoteField,
} from './item-model.js';

/** A field as the library has it now. */
type LocalField = { t: 'lww'; v: Json } | { t: 'note'; v: string } | { t: 'tags'; tags: string[] };
interface LocalItem {
  kind: ItemKind;
  f: Record<string, LocalField>;
}

export const SYNCED_SETTINGS = ['theme', 'fontSize', 'locale', 'readableOnly'] as const;

export function itemKey(kind: ItemKind, id = ''): string {
  return kind === 'settings' ? 'settings' : `${kind}:${id}`;
}

export function splitKey(key: string): { kind: ItemKind; id: string } {
  if (key === 'settings') return { kind: 'settings', id: '' };
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as ItemKind, id: key.slice(at + 1) };
}

const lww = (v: unknown): LocalField => ({ t: 'lww', v: JSON.parse(JSON.stringify(v ?? null)) as Json });

function localItems(data: LibraryData): Map<string, LocalItem> {
  const items = new Map<string, LocalItem>();
  for (const b of data.bookmarks) {
    items.set(itemKey('bookmark', b.articleId), {
      kind: 'bookmark',
      f: {
        createdAt: lww(b.createdAt),
        tags: { t: 'tags', tags: b.tags },
        note: { t: 'note', v: b.note ?? '' },
      },
    });
  }
  for (const a of data.annotations) {
    items.set(itemKey('annotation', a.id), {
      kind: 'annotation',
      f: {
        articleId: lww(a.articleId),
        color: lww(a.color),
        target: lww(a.target),
        createdAt: lww(a.createdAt),
        updatedAt: lww(a.updatedAt),
        tags: { t: 'tags', tags: a.tags },
        note: { t: 'note', v: a.note ?? '' },
      },
    });
  }
  for (const [articleId, state] of Object.entries(data.reading)) {
    items.set(itemKey('reading', articleId), { kind: 'reading', f: { state: lww(state) } });
  }
  const settings: Record<string, LocalField> = {};
  for (const name of SYNCED_SETTINGS) settings[name] = lww(data.settings[name]);
  items.set('settings', { kind: 'settings', f: settings });
  return items;
}

/**
 * Stamp every local change since the items were last brought up to date: a new or edited field gets a
 * fresh clock, a bookmark or annotation gone from the library gets a deletion marker. Returns the keys
 * changed.
 */
export function recordLocal(
  items: Record<string, ItemState>,
  data: LibraryData,
  clock: HybridClock,
): string[] {
  const changed: string[] = [];
  const local = localItems(data);
  for (const [key, item] of local) {
    const before = Object.hasOwn(items, key) ? items[key] : undefined;
    const after = stampItem(before, item, clock);
    if (after) {
      items[key] = after;
      changed.push(key);
    }
  }
  for (const [key, item] of Object.entries(items)) {
    if (local.has(key) || (item.kind !== 'bookmark' && item.kind !== 'annotation') || !isLive(item)) continue;
    items[key] = { ...item, del: { c: clock.now(), seen: itemMaxClock(item)! } };
    changed.push(key);
  }
  return changed;
}

/**
 * After library.json was restored from an older backup, the bookmarks and annotations it lost are
 * not deletions: put back every live one the sync state holds. Returns how many came back.
 */
export function restoreMissing(items: Record<string, ItemState>, data: LibraryData): number {
  const have = new Set(localItems(data).keys());
  let restored = 0;
  for (const [key, item] of Object.entries(items)) {
    if (have.has(key) || (item.kind !== 'bookmark' && item.kind !== 'annotation') || !isLive(item)) continue;
    if (applyItem(data, key, item)) restored++;
  }
  return restored;
}

function stampItem(
  before: ItemState | undefined,
  local: LocalItem,
  clock: HybridClock,
): ItemState | undefined {
  const live = before !== undefined && isLive(before);
  let stamp: string | undefined;
  const now = (): string => (stamp ??= clock.now());
  const f: Record<string, Field> = { ...before?.f };
  for (const [name, want] of Object.entries(local.f)) {
    const cur = before && Object.hasOwn(before.f, name) ? before.f[name] : undefined;
    if (want.t === 'tags') {
      const s = cur?.t === 'tags' ? { ...cur.s } : {};
      const wanted = new Set(want.tags);
      let edited = false;
      for (const tag of wanted) {
        if (Object.hasOwn(s, tag) && s[tag]!.on) continue;
        s[tag] = { c: now(), on: true };
        edited = true;
      }
      for (const [tag, entry] of Object.entries(s)) {
        if (!entry.on || wanted.has(tag)) continue;
        s[tag] = { c: now(), on: false };
        edited = true;
      }
      if (edited) f[name] = { t: 'tags', s };
    } else if (want.t === 'note') {
      const prev = cur?.t === 'note' ? cur : undefined;
      if (live && prev && prev.v === want.v) continue;
      const c = now();
      const note: NoteField = { t: 'note', v: want.v, c, h: trimHistory([...(prev?.h ?? []), c]) };
      if (live && prev?.alt) note.alt = prev.alt;
      f[name] = note;
    } else {
      if (live && cur?.t === 'lww' && canonicalJson(cur.v) === canonicalJson(want.v)) continue;
      // A new device's untouched settings must not outvote the ones the user chose elsewhere.
      if (!cur && local.kind === 'settings' && isDefaultSetting(name, want.v)) continue;
      f[name] = { t: 'lww', v: want.v, c: now() };
    }
  }
  if (stamp === undefined) return undefined;
  const item: ItemState = { kind: local.kind, f };
  if (before?.del) item.del = before.del;
  return item;
}

function isDefaultSetting(name: string, value: Json): boolean {
  return value === null || (DEFAULT_SETTINGS as unknown as Record<string, Json>)[name] === value;
}

function lwwValue(item: ItemState, name: string): unknown {
  const field = Object.hasOwn(item.f, name) ? item.f[name] : undefined;
  return field?.t === 'lww' ? field.v : undefined;
}

function noteValue(item: ItemState): string | undefined {
  const field = item.f.note;
  return field?.t === 'note' && field.v ? field.v : undefined;
}

function onTags(item: ItemState, keepOrder: string[] = []): string[] {
  const field = item.f.tags;
  const on = field?.t === 'tags' ? Object.keys(field.s).filter((t) => field.s[t]!.on) : [];
  const set = new Set(on);
  return [...keepOrder.filter((t) => set.has(t)), ...on.filter((t) => !keepOrder.includes(t)).sort()];
}

/**
 * Write one merged item into the library: a live bookmark or annotation is put in (replacing the
 * local copy), a deleted one taken out. False when the item's values are not a valid record (the
 * library is left as it was).
 */
export function applyItem(data: LibraryData, key: string, item: ItemState): boolean {
  const { kind, id } = splitKey(key);
  if (kind === 'bookmark') {
    const at = data.bookmarks.findIndex((b) => b.articleId === id);
    if (!isLive(item)) {
      if (at >= 0) data.bookmarks.splice(at, 1);
      return true;
    }
    const note = noteValue(item);
    const parsed = bookmarkSchema.safeParse({
      articleId: id,
      createdAt: lwwValue(item, 'createdAt'),
      tags: onTags(item, at >= 0 ? data.bookmarks[at]!.tags : []),
      ...(note ? { note } : {}),
    });
    if (!parsed.success) return false;
    const bookmark: Bookmark = parsed.data;
    if (at >= 0) data.bookmarks[at] = bookmark;
    else data.bookmarks.push(bookmark);
    return true;
  }
  if (kind === 'annotation') {
    const at = data.annotations.findIndex((a) => a.id === id);
    if (!isLive(item)) {
      if (at >= 0) data.annotations.splice(at, 1);
      return true;
    }
    const note = noteValue(item);
    const parsed = annotationSchema.safeParse({
      id,
      articleId: lwwValue(item, 'articleId'),
      color: lwwValue(item, 'color'),
      target: lwwValue(item, 'target'),
      createdAt: lwwValue(item, 'createdAt'),
      updatedAt: lwwValue(item, 'updatedAt'),
      tags: onTags(item, at >= 0 ? data.annotations[at]!.tags : []),
      ...(note ? { note } : {}),
    });
    if (!parsed.success) return false;
    const annotation = parsed.data as Annotation;
    if (at >= 0) data.annotations[at] = annotation;
    else data.annotations.push(annotation);
    return true;
  }
  if (kind === 'reading') {
    const state = lwwValue(item, 'state') as ReadingState | undefined;
    if (!validReading(state)) return false;
    data.reading[id] = { position: state.position, readAt: state.readAt };
    return true;
  }
  const patch: Partial<Settings> = {};
  const theme = lwwValue(item, 'theme');
  const fontSize = lwwValue(item, 'fontSize');
  const locale = lwwValue(item, 'locale');
  if ((THEME_SETTINGS as readonly unknown[]).includes(theme)) patch.theme = theme as Settings['theme'];
  if (typeof fontSize === 'number' && Number.isInteger(fontSize) && fontSize >= 12 && fontSize <= 32)
    patch.fontSize = fontSize;
  if ((LOCALE_SETTINGS as readonly unknown[]).includes(locale)) patch.locale = locale as Settings['locale'];
  const readableOnly = lwwValue(item, 'readableOnly');
  if (typeof readableOnly === 'boolean') patch.readableOnly = readableOnly;
  data.settings = { ...data.settings, ...patch };
  return true;
}

function validReading(state: ReadingState | undefined): state is ReadingState {
  return (
    !!state &&
    typeof state.position === 'number' &&
    state.position >= 0 &&
    state.position <= 1 &&
    typeof state.readAt === 'string' &&
    !Number.isNaN(Date.parse(state.readAt))
  );
}
