/**
 * A query token's encoded lists (a slot of the query: search-engine.ts). Its lists anywhere are read
 * at once (they order the tokens by size); its lists in titles and in snippets when first needed: a
 * typo has no exact match to narrow to a field, its near misses read no snippet list, and a page
 * filled from the title tiers none either (a common bigram's lists are megabytes at a million pages).
 */
import { FIELD, type Field } from './search-index.js';

/** Lists in titles and in snippets, read when first asked for. */
export class FieldLists {
  #title: Uint8Array[] | undefined;
  #snippet: Uint8Array[] | undefined;

  constructor(private readonly read: (f: Field) => Uint8Array[]) {}

  get title(): Uint8Array[] {
    return (this.#title ??= this.read(FIELD.title));
  }

  get snippet(): Uint8Array[] {
    return (this.#snippet ??= this.read(FIELD.snippet));
  }
}

export class Slot extends FieldLists {
  constructor(
    readonly lists: Uint8Array[],
    read: (f: Field) => Uint8Array[],
    /** A CJK bigram (counts towards a fuzzy candidate's title overlap). */
    readonly bigram: boolean,
    /** The token as folded text (a field holding the token holds this text). */
    readonly text: string,
  ) {
    super(read);
  }
}
