/**
 * The text folding that search does, for the renderer's own filters (find in article, the Notes
 * filter): full-width to half-width, case, and Traditional to Simplified once the converter has
 * loaded. The converter (an opencc table) loads on first use, so the app starts without it.
 */
import { makeFold, type Fold } from '../find';
import { loadSpell, type Spell } from '../pinyin-match';

class TextFold {
  #fold = $state.raw<Fold>(makeFold());
  #requested = false;
  #spell = $state.raw<Spell | undefined>(undefined);
  #spellRequested = false;

  /** Pinyin of Han text, once the dictionary has loaded (`loadPinyin`). */
  get spell(): Spell | undefined {
    return this.#spell;
  }

  /** Starts loading the pinyin dictionary (once), for a filter typed in Latin letters. */
  loadPinyin(): void {
    if (this.#spellRequested) return;
    this.#spellRequested = true;
    loadSpell()
      .then((spell) => (this.#spell = spell))
      .catch(() => {
        // Without it, letters still match Latin text.
      });
  }

  /** The best fold loaded so far; it changes once, when the converter arrives. */
  get fold(): Fold {
    return this.#fold;
  }

  /** Starts loading the Traditional-to-Simplified converter (once). */
  load(): void {
    if (this.#requested) return;
    this.#requested = true;
    import('opencc-js/t2cn')
      .then(({ Converter }) => {
        this.#fold = makeFold(Converter({ from: 'tw', to: 'cn' }));
      })
      .catch(() => {
        // Without the converter, text still folds width and case.
      });
  }
}

export const textFold = new TextFold();
