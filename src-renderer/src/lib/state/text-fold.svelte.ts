/**
 * The text folding that search does, for the renderer's own filters (find in article, the Notes
 * filter): full-width to half-width, case, and Traditional to Simplified once the converter has
 * loaded. The converter (an opencc table) loads on first use, so the app starts without it.
 */
import { makeFold, type Fold } from '../find';

class TextFold {
  #fold = $state.raw<Fold>(makeFold());
  #requested = false;

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
