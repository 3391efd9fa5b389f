/**
 * The synced item: one bookmark, annotation, reading position or the settings, as a state that merges
 * with any other copy of itself in any order and gives the same result (a state-based CRDT):
 * - a plain field: the value with the later clock wins;
 * - tags: a set, each tag on or off by its own clock, so adds and removals on two devices both count;
 * - a note: the later clock wins when one edit saw the other (its history holds the other's clock);
 *   two edits that did not see each other keep both texts: the other one waits in `alt` until the
 *   user picks one or keeps both;
 * - a deletion marker carries the newest clock the deleting device had seen for the item: an edit
 *   with a later clock was not seen, so the item stays (and the sync says so).
 */
import { maxClock, type Clock } from './hlc.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface LwwField {
  t: 'lww';
  v: Json;
  c: Clock;
}
export interface NoteVersion {
  v: string;
  c: Clock;
  /** The clocks of the versions this text grew from (newest last), itself included. */
  h: Clock[];
}
export interface NoteField extends NoteVersion {
  t: 'note';
  /** Texts written at the same time on other devices, kept until the user resolves the conflict. */
  alt?: NoteVersion[];
}
export interface TagsField {
  t: 'tags';
  s: Record<string, { c: Clock; on: boolean }>;
}
export type Field = LwwField | NoteField | TagsField;

export const ITEM_KINDS = ['bookmark', 'annotation', 'reading', 'settings'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemState {
  kind: ItemKind;
  f: Record<string, Field>;
  /** Deletion marker: when, and the newest change the deleting device had seen. */
  del?: { c: Clock; seen: Clock };
}

/** How many clocks a note's history keeps; a longer chain may show a conflict that was none (never a loss). */
const HISTORY_KEPT = 32;

export function itemMaxClock(item: ItemState): Clock | undefined {
  let max: Clock | undefined;
  for (const field of Object.values(item.f)) {
    if (field.t === 'tags') for (const tag of Object.values(field.s)) max = maxClock(max, tag.c);
    else max = maxClock(max, field.c);
    if (field.t === 'note') for (const alt of field.alt ?? []) max = maxClock(max, alt.c);
  }
  return max;
}

/** Live unless deleted after every change in it was seen. */
export function isLive(item: ItemState): boolean {
  if (!item.del) return true;
  const max = itemMaxClock(item);
  return max !== undefined && max > item.del.seen;
}

export function mergeItems(a: ItemState, b: ItemState): ItemState {
  const f: Record<string, Field> = {};
  for (const name of new Set([...Object.keys(a.f), ...Object.keys(b.f)]).keys()) {
    const x = Object.hasOwn(a.f, name) ? a.f[name] : undefined;
    const y = Object.hasOwn(b.f, name) ? b.f[name] : undefined;
    f[name] = x && y ? mergeField(x, y) : (x ?? y)!;
  }
  const merged: ItemState = { kind: a.kind, f };
  const del = mergeDeletions(a.del, b.del);
  if (del) merged.del = del;
  return merged;
}

function mergeDeletions(a: ItemState['del'], b: ItemState['del']): ItemState['del'] {
  if (!a || !b) return a ?? b;
  return { c: maxClock(a.c, b.c)!, seen: maxClock(a.seen, b.seen)! };
}

export function mergeField(a: Field, b: Field): Field {
  if (a.t === 'tags' && b.t === 'tags') return mergeTags(a, b);
  if (a.t === 'note' && b.t === 'note') return mergeNotes(a, b);
  if (a.t === 'tags' || b.t === 'tags' || a.t === 'note' || b.t === 'note') {
    // Two shapes for one field come from a newer format: keep the later.
    return laterClock(a) >= laterClock(b) ? a : b;
  }
  return a.c >= b.c ? a : b;
}

function laterClock(f: Field): Clock {
  if (f.t !== 'tags') return f.c;
  return Object.values(f.s).reduce<Clock>((max, t) => (t.c > max ? t.c : max), '');
}

function mergeTags(a: TagsField, b: TagsField): TagsField {
  const s: TagsField['s'] = { ...a.s };
  for (const [tag, entry] of Object.entries(b.s)) {
    const mine = Object.hasOwn(s, tag) ? s[tag] : undefined;
    if (!mine || entry.c > mine.c) s[tag] = entry;
  }
  return { t: 'tags', s };
}

function mergeNotes(a: NoteField, b: NoteField): NoteField {
  const versions = [a, b, ...(a.alt ?? []), ...(b.alt ?? [])].map(version);
  let winner: NoteVersion;
  // One version, or one that grew from the other: the histories join. Two copies of one version may
  // hold different histories (a text typed on both sides takes the later clock with both histories),
  // and keeping one copy's alone made the merge depend on its order: a device could keep showing a
  // conflict another had seen resolved.
  const joined = (w: NoteVersion): NoteVersion => ({ v: w.v, c: w.c, h: trimHistory([...a.h, ...b.h]) });
  if (a.c === b.c) winner = joined(a);
  else if (b.h.includes(a.c)) winner = joined(b);
  else if (a.h.includes(b.c)) winner = joined(a);
  // The same text typed on both sides: no conflict, one history.
  else if (a.v === b.v) winner = joined(a.c > b.c ? a : b);
  else winner = version(a.c > b.c ? a : b);
  // A version is still open when no other version grew from it and it is not the winner.
  const open = new Map<Clock, NoteVersion>();
  for (const v of versions) {
    if (v.c === winner.c || winner.h.includes(v.c)) continue;
    if (versions.some((o) => o.c !== v.c && o.h.includes(v.c))) continue;
    if (v.v === winner.v) continue;
    open.set(v.c, v);
  }
  const alt = [...open.values()].sort((x, y) => (x.c < y.c ? -1 : 1));
  return { t: 'note', ...winner, ...(alt.length ? { alt } : {}) };
}

function version(n: NoteVersion): NoteVersion {
  return { v: n.v, c: n.c, h: n.h };
}

export function trimHistory(h: Clock[]): Clock[] {
  return [...new Set(h)].sort().slice(-HISTORY_KEPT);
}

/** JSON with sorted keys: equal states print equal, so a hash tells whether a file must be written. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
