/**
 * The search index: per article a small record (folded title and snippet keys, title pinyin, time,
 * a signature of the catalog entry it was built from) and an inverted index from CJK bigrams and
 * Latin/digit words to article numbers, in three fields: anywhere in the article, in its title, in
 * its snippet. The title and snippet postings let a query rank its matches by field from postings
 * alone, without reading each match's strings (see search-engine.ts). It persists in its own compact files under `<data>/search/`
 * (a JSON of the records, a binary of delta-varint postings read as typed-array views), so a cold
 * start reads neither catalog bodies nor a large JSON. Articles changed after a build go to an
 * in-memory delta and tombstones until the next save merges them.
 */
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../store/durable-json-file.js';
import type { ArticleBody, StoredArticle } from '../catalog/catalog-store.js';
import { CP_SPAN, foldFast, searchKey, tokenize, type Tokens } from './search-text.js';
import { encodePinyin, titlePinyin } from './pinyin.js';
import { pinyinDocs } from './pinyin-docs.js';
import { GramTable, type DocList } from './gram-table.js';
import { VarintWriter, bsearch, letterPair, letterTrigram, lowerBound, push } from './index-codec.js';

import {
  FIELD,
  FIELD_SPAN,
  HEADER_BYTES,
  INDEX_BODY_CHARS,
  INDEX_VERSION,
  docTime,
  MAGIC,
  WORD_FIELD,
  type DocsFile,
  type Field,
  type IndexedDoc,
  type Postings,
} from './index-records.js';

export {
  FIELD,
  INDEX_BODY_CHARS,
  INDEX_VERSION,
  articleSignature,
  docTime,
  type Field,
  type IndexedDoc,
  type Postings,
} from './index-records.js';

export class SearchIndex {
  docs: (IndexedDoc | null)[] = [];
  byId = new Map<string, number>();
  dead = 0;
  // Frozen part (built or loaded): sorted gram keys and words, offsets into varint data.
  #gramKeys: Float64Array<ArrayBufferLike> = new Float64Array(0);
  #gramOff: Uint32Array<ArrayBufferLike> = new Uint32Array(1);
  #words: string[] = [];
  #wordOff: Uint32Array<ArrayBufferLike> = new Uint32Array(1);
  #data: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  // Unfrozen part: postings of docs added since.
  #deltaGrams = new GramTable();
  #deltaWords = new Map<string, DocList>();
  // Reused for every added article: building 10,000 bodies makes no per-article token garbage.
  #toks: Tokens = { grams: [], words: [] };
  #dirty = false;
  #stalePostings = false;
  /** See DocsFile.catalogToken. */
  catalogToken: string | undefined;

  get size(): number {
    return this.docs.length - this.dead;
  }

  #kinds: Uint8Array | undefined;
  #kindsFor = -1;

  /**
   * How readable each doc is: 2 full, 1 brief, 0 headline only (from its signature, which starts
   * with the kind's initial; an empty one is a full article whose body was not yet on disk). Kept
   * until docs are added.
   */
  kindRanks(): Uint8Array {
    if (this.#kinds && this.#kindsFor === this.docs.length) return this.#kinds;
    const out = new Uint8Array(this.docs.length);
    for (let d = 0; d < this.docs.length; d++) {
      const sig = this.docs[d]?.sig ?? '';
      out[d] = sig[0] === 'h' ? 0 : sig[0] === 'b' ? 1 : 2;
    }
    this.#kinds = out;
    this.#kindsFor = this.docs.length;
    return out;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  /** Whether postings may name removed docs (only until the next freeze, which drops them). */
  get stalePostings(): boolean {
    return this.#stalePostings;
  }

  /** Add one article (a new doc number); `body` is its loaded body, if any. */
  add(a: StoredArticle, body: ArticleBody | undefined, sig: string): void {
    const d = this.docs.length;
    const titleFolded = foldFast(a.title);
    const snippetFolded = a.snippet ? foldFast(a.snippet) : '';
    const toks = this.#toks;
    const post = (text: string, field: Field = FIELD.any): void => {
      toks.grams.length = 0;
      toks.words.length = 0;
      tokenize(text, toks);
      const span = field * FIELD_SPAN;
      for (const g of toks.grams) {
        this.#deltaGrams.push(g, d);
        if (field) this.#deltaGrams.push(g + span, d);
      }
      for (const w of toks.words) {
        push(this.#deltaWords, w, d);
        if (field) push(this.#deltaWords, WORD_FIELD[field] + w, d);
      }
    };
    post(titleFolded, FIELD.title);
    if (a.label) post(foldFast(a.label));
    if (snippetFolded) post(snippetFolded, FIELD.snippet);
    if (a.byline) post(foldFast(a.byline));
    // Each block on its own, so no bigram spans two paragraphs; past the budget a body is not indexed
    // (a real article is a few thousand characters; a hostile one must not grow the index without end).
    let budget = INDEX_BODY_CHARS;
    for (const b of body?.blocks ?? []) {
      if (budget <= 0) break;
      const text = b.text.length > budget ? b.text.slice(0, budget) : b.text;
      budget -= text.length;
      post(foldFast(text));
    }
    const py = titlePinyin(a.title);
    const grams = this.#deltaGrams;
    for (let i = 0; i + 3 <= py.full.length; i++)
      grams.push(letterTrigram(py.full, i) + FIELD.pinyin * FIELD_SPAN, d);
    for (let i = 0; i + 3 <= py.initials.length; i++)
      grams.push(letterTrigram(py.initials, i) + FIELD.initials * FIELD_SPAN, d);
    for (const i of py.starts)
      if (i + 2 <= py.full.length) grams.push(letterPair(py.full, i) + FIELD.syllable * FIELD_SPAN, d);
    for (let i = 0; i + 2 <= py.initials.length; i++)
      grams.push(letterPair(py.initials, i) + FIELD.initials2 * FIELD_SPAN, d);
    this.docs.push({
      id: a.id,
      titleKey: searchKey(titleFolded),
      snippetKey: searchKey(snippetFolded),
      pinyin: encodePinyin(py),
      time: docTime(a.publishedAt),
      sig,
    });
    const old = this.byId.get(a.id);
    if (old !== undefined) this.remove(old);
    this.byId.set(a.id, d);
    this.#dirty = true;
  }

  remove(d: number): void {
    const doc = this.docs[d];
    if (!doc) return;
    if (this.byId.get(doc.id) === d) this.byId.delete(doc.id);
    this.docs[d] = null;
    this.dead++;
    this.#dirty = true;
    this.#stalePostings = true;
  }

  /** Docs whose title pinyin may match `letters` (see pinyin-docs.ts). */
  pinyinDocs(letters: string): { full: number[]; initials: number[]; exact: boolean } {
    return pinyinDocs(this, letters);
  }

  /** Documents holding a CJK gram (unigram or bigram code) in `field`. May include removed docs. */
  gram(gram: number, field: Field = FIELD.any): Postings[] {
    const key = gram + field * FIELD_SPAN;
    const out: Postings[] = [];
    const i = bsearch(this.#gramKeys, key);
    if (i >= 0) out.push(this.#decode(this.#gramOff[i]!, this.#gramOff[i + 1]!));
    const delta = this.#deltaGrams.get(key);
    if (delta) out.push(delta.view());
    return out;
  }

  /** About how many docs hold a gram in `field` (encoded bytes, an upper bound): without decoding. */
  gramSize(gram: number, field: Field = FIELD.any): number {
    const key = gram + field * FIELD_SPAN;
    const i = bsearch(this.#gramKeys, key);
    const frozen = i >= 0 ? this.#gramOff[i + 1]! - this.#gramOff[i]! : 0;
    return frozen + (this.#deltaGrams.get(key)?.n ?? 0);
  }

  /** Every gram (without its field) containing this code point (for one-character queries). */
  gramsWith(cp: number): number[] {
    const out = new Set<number>();
    const test = (k: number): void => {
      // Field ANY only: the other fields hold a subset of its grams.
      if (k >= FIELD_SPAN) return;
      if (k === cp || k % CP_SPAN === cp || Math.floor(k / CP_SPAN) === cp) out.add(k);
    };
    for (const k of this.#gramKeys) test(k);
    for (const [k] of this.#deltaGrams.entries()) test(k);
    return [...out];
  }

  /** Documents holding a word starting with `word` in `field` (exactly that word when `exact`). */
  word(word: string, exact: boolean, field: Field = FIELD.any): Postings[] {
    const prefix = WORD_FIELD[field] + word;
    const out: Postings[] = [];
    let i = lowerBound(this.#words, prefix);
    for (; i < this.#words.length; i++) {
      const w = this.#words[i]!;
      if (exact ? w !== prefix : !w.startsWith(prefix)) break;
      out.push(this.#decode(this.#wordOff[i]!, this.#wordOff[i + 1]!));
      if (exact) break;
    }
    for (const [w, list] of this.#deltaWords)
      if (exact ? w === prefix : w.startsWith(prefix)) out.push(list.view());
    return out;
  }

  #decode(from: number, to: number): Uint32Array {
    const data = this.#data;
    const out = new Uint32Array(to - from); // at most one doc per byte
    let n = 0;
    let prev = 0;
    let p = from;
    while (p < to) {
      let v = 0;
      let shift = 0;
      let b: number;
      do {
        b = data[p++]!;
        v += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      prev += v;
      out[n++] = prev;
    }
    return out.subarray(0, n);
  }

  /** Merge the delta into the frozen arrays, dropping removed docs. */
  freeze(): void {
    const alive = (d: number): boolean => this.docs[d] != null;
    const grams = new Map<number, Postings[]>();
    for (let i = 0; i < this.#gramKeys.length; i++)
      grams.set(this.#gramKeys[i]!, [this.#decode(this.#gramOff[i]!, this.#gramOff[i + 1]!)]);
    for (const [k, list] of this.#deltaGrams.entries())
      (grams.get(k) ?? grams.set(k, []).get(k)!).push(list.view());
    const words = new Map<string, Postings[]>();
    for (let i = 0; i < this.#words.length; i++)
      words.set(this.#words[i]!, [this.#decode(this.#wordOff[i]!, this.#wordOff[i + 1]!)]);
    for (const [k, list] of this.#deltaWords) (words.get(k) ?? words.set(k, []).get(k)!).push(list.view());
    // From here each list is dropped once written, so the growing lists of a fresh build are freed
    // while the compact encoding grows (peak RSS at 10,000 pages).
    this.#deltaGrams.clear();
    this.#deltaWords.clear();

    const enc = new VarintWriter();
    const gramKeys = [...grams.keys()].sort((a, b) => a - b);
    const keptGrams: number[] = [];
    const gramOff: number[] = [0];
    for (const k of gramKeys) {
      const lists = grams.get(k)!;
      grams.delete(k);
      if (enc.list(lists, alive)) {
        keptGrams.push(k);
        gramOff.push(enc.length);
      }
    }
    const wordKeys = [...words.keys()].sort();
    const keptWords: string[] = [];
    const wordOff: number[] = [enc.length];
    for (const k of wordKeys) {
      const lists = words.get(k)!;
      words.delete(k);
      if (enc.list(lists, alive)) {
        keptWords.push(k);
        wordOff.push(enc.length);
      }
    }
    this.#gramKeys = Float64Array.from(keptGrams);
    this.#gramOff = Uint32Array.from(gramOff);
    this.#words = keptWords;
    this.#wordOff = Uint32Array.from(wordOff);
    this.#data = enc.bytes();
    this.#stalePostings = false;
  }

  async save(dir: string): Promise<void> {
    this.freeze();
    const token = (Math.random() * 0xffffffff) >>> 0;
    const nG = this.#gramKeys.length;
    const nW = this.#words.length;
    const head = new Uint32Array([MAGIC, INDEX_VERSION, token, nG, nW, this.#data.length, 0, 0]);
    const parts = [
      new Uint8Array(head.buffer),
      new Uint8Array(this.#gramKeys.buffer, this.#gramKeys.byteOffset, nG * 8),
      new Uint8Array(this.#gramOff.buffer, this.#gramOff.byteOffset, (nG + 1) * 4),
      new Uint8Array(this.#wordOff.buffer, this.#wordOff.byteOffset, this.#wordOff.length * 4),
      this.#data,
    ];
    const docs: DocsFile = {
      version: INDEX_VERSION,
      token,
      ...(this.catalogToken ? { catalogToken: this.catalogToken } : {}),
      docs: this.docs.map((d) => d && [d.id, d.titleKey, d.snippetKey, d.pinyin, d.time, d.sig]),
      words: this.#words,
    };
    await mkdir(dir, { recursive: true });
    // Postings first, records last: the records name the token of the postings they belong to.
    await writeFileDurably(join(dir, 'postings.bin'), Buffer.concat(parts));
    await writeFileDurably(join(dir, 'docs.json'), JSON.stringify(docs));
    this.#dirty = false;
  }

  /** The stored index, or undefined when missing, damaged or of another version. */
  static async load(dir: string): Promise<SearchIndex | undefined> {
    try {
      const [docsBytes, bin] = await Promise.all([
        readFile(join(dir, 'docs.json')),
        readFile(join(dir, 'postings.bin')),
      ]);
      // One Buffer decode (readFile's 'utf8' streaming decoder is several times slower on large files).
      const file = JSON.parse(docsBytes.toString('utf8')) as DocsFile;
      if (file.version !== INDEX_VERSION || !Array.isArray(file.docs)) return undefined;
      // Typed-array views need aligned offsets: copy when Node handed us a pooled slice.
      const buf = bin.byteOffset % 8 === 0 ? bin : Buffer.from(bin);
      const head = new Uint32Array(buf.buffer, buf.byteOffset, 8);
      const [magic, version, token, nG, nW, dataLen] = head as unknown as number[];
      if (magic !== MAGIC || version !== INDEX_VERSION || token !== file.token || nW !== file.words.length)
        return undefined;
      let p = buf.byteOffset + HEADER_BYTES;
      const idx = new SearchIndex();
      idx.#gramKeys = new Float64Array(buf.buffer, p, nG!);
      p += nG! * 8;
      idx.#gramOff = new Uint32Array(buf.buffer, p, nG! + 1);
      p += (nG! + 1) * 4;
      idx.#wordOff = new Uint32Array(buf.buffer, p, nW! + 1);
      p += (nW! + 1) * 4;
      idx.#data = new Uint8Array(buf.buffer, p, dataLen!);
      if (p - buf.byteOffset + dataLen! !== buf.length) return undefined;
      idx.#words = file.words;
      idx.catalogToken = file.catalogToken;
      for (let d = 0; d < file.docs.length; d++) {
        const r = file.docs[d];
        if (!r) {
          idx.docs.push(null);
          idx.dead++;
          continue;
        }
        idx.docs.push({
          id: r[0],
          titleKey: r[1],
          snippetKey: r[2],
          pinyin: r[3],
          time: r[4],
          sig: r[5],
        });
        idx.byId.set(r[0], d);
      }
      return idx;
    } catch {
      return undefined;
    }
  }
}
