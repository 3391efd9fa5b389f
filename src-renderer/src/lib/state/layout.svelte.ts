/**
 * Narrow windows (below 900 px, as mail apps do): the list and the reader take turns in one pane
 * instead of sharing the width. Opening an article shows the reader; its back button, Esc or another
 * view shows the list again. The layout itself is CSS (App.svelte); this holds which pane is up.
 */
export const NARROW_QUERY = '(max-width: 900px)';

class LayoutState {
  /** Whether the window is narrow enough for one pane. */
  narrow = $state(false);
  /** In one-pane mode: the reader is up (else the list). */
  readerShown = $state(false);

  /** Follows the window's width until the returned function is called. */
  watch(): () => void {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {};
    const query = window.matchMedia(NARROW_QUERY);
    const update = (): void => {
      this.narrow = query.matches;
    };
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }

  showReader(): void {
    this.readerShown = true;
  }

  showList(): void {
    this.readerShown = false;
  }
}

export const layout = new LayoutState();
