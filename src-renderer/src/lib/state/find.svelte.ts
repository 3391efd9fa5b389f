/**
 * Find in article (Ctrl+F): the query, its matches in the open article and the current one, folded
 * like search (./text-fold, whose Traditional-to-Simplified converter loads on first use).
 */
import { tick } from 'svelte';
import { readableBlocks } from '../article';
import { findMatches, type FindMatch } from '../find';
import { reader } from './reader.svelte';
import { textFold } from './text-fold.svelte';

class FindState {
  open = $state(false);
  query = $state('');
  current = $state(0);
  input: HTMLInputElement | null = null;
  /** The article a search hit opened at its match: it opens there, not at its saved reading place. */
  hitArticle: string | null = null;

  matches: FindMatch[] = $derived(
    this.open && reader.article
      ? findMatches(
          readableBlocks(reader.article).map((b) => b.text),
          this.query,
          textFold.fold,
        )
      : [],
  );

  show(): void {
    this.open = true;
    void tick().then(() => {
      this.input?.focus();
      this.input?.select();
    });
    textFold.load();
  }

  hide(): void {
    this.open = false;
  }

  /** A search hit opens `articleId` at the first occurrence of `query`, marked. */
  openAtMatch(articleId: string, query: string): void {
    this.setQuery(query);
    this.hitArticle = articleId;
    this.open = true;
    textFold.load();
  }

  setQuery(q: string): void {
    this.query = q;
    this.current = 0;
  }

  step(delta: number): void {
    const n = this.matches.length;
    if (n === 0) return;
    this.current = (((this.current + delta) % n) + n) % n;
  }

  reset(): void {
    this.open = false;
    this.query = '';
    this.current = 0;
  }
}

export const find = new FindState();
