/**
 * The titles' pinyin syllables as numbers: the numbering (kept in the index's `syllables` table,
 * numbers in order of first appearance, so the common ones, seen first, take one byte), and a title's
 * syllables as the bytes the index keeps (pinyin-store.ts).
 */
import type { Db } from './index-db.js';
import { PAIR_SPAN } from './index-records.js';

/** Syllable numbers of a title as bytes: below 0x80 one byte, else two (high bit set). */
export function encodeSyllables(ids: readonly number[]): Buffer {
  const out: number[] = [];
  for (const id of ids) {
    if (id < 0x80) out.push(id);
    else out.push(0x80 | (id >> 8), id & 0xff);
  }
  return Buffer.from(out);
}

/** The syllables of a title's full spelling (see titlePinyin: `full` cut at `starts`). */
export function syllablesOf(full: string, starts: readonly number[]): string[] {
  return starts.map((s, i) => full.slice(s, starts[i + 1] ?? full.length));
}

/** The syllable numbering: a syllable's number, assigned on first sight. */
export class Syllables {
  readonly text: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Assigned since the last commit (to be written with it). */
  fresh: [number, string][] = [];

  static load(db: Db): Syllables {
    const s = new Syllables();
    s.catchUp(db);
    return s;
  }

  /** Read the syllables numbered since (by another process). */
  catchUp(db: Db): void {
    const rows = db.prepare('SELECT id, s FROM syllables WHERE id >= ? ORDER BY id').raw();
    for (const [id, text] of rows.all(this.text.length) as [number, string][]) {
      this.text[id] = text;
      this.#ids.set(text, id);
    }
  }

  /** A syllable's number, if it has one. */
  lookup(syllable: string): number | undefined {
    return this.#ids.get(syllable);
  }

  id(syllable: string): number {
    let id = this.#ids.get(syllable);
    if (id === undefined) {
      id = this.text.length;
      if (id >= PAIR_SPAN) throw new Error('too many pinyin syllables');
      this.text.push(syllable);
      this.#ids.set(syllable, id);
      this.fresh.push([id, syllable]);
    }
    return id;
  }

  /** Write the syllables assigned since the last commit (inside the commit's transaction). */
  save(db: Db): void {
    const put = db.prepare('INSERT OR IGNORE INTO syllables (id, s) VALUES (?, ?)');
    for (const [id, s] of this.fresh) put.run(id, s);
    this.fresh = [];
  }
}
