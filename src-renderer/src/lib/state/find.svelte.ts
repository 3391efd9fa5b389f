/**
 * Find in article (Ctrl+F): the query, its matches in the open article and the current one. The
 * Traditional-to-Simplified converter loads on first use, so the app starts without it.
 */
import { tick } from 'svelte';
import { readableBlocks } from '../article';
import { findMatches, makeFold, type Fold, type FindMatch } from '../find';
import { reader } from './reader.svelte';

class FindState {
  open = $state(false);
  query = $state('');
  current = $state(0);
  input: HTMLInputElement | null = null;
  #fold = $state.raw<Fold>(makeFold());
  #converterRequested = false;

  matches: FindMatch[] = $derived(
    this.open && reader.article
      ? findMatches(
          readableBlocks(reader.article).map((b) => b.text),
          this.query,
          this.#fold,
        )
      : [],
  );

  show(): void {
    this.open = true;
    void tick().then(() => {
      this.input?.focus();
      this.input?.select();
    });
    if (!this.#converterRequested) {
      this.#converterRequested = true;
      import('opencc-js/t2cn')
        .then(({ Converter }) => {
          this.#fold = makeFold(Converter({ from: 'tw', to: 'cn' }));
        })
        .catch(() => {
          // Without the converter, find still folds width and case.
        });
    }
  }

  hide(): void {
    this.open = false;
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
