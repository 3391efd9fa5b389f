/**
 * The user's highlights and notes: those of the open article (with where each anchors now, or
 * orphaned) and, for the Notes view, all of them. Deleting offers an undo through the toast queue and
 * through Ctrl+Z even after the toast has gone; the undo puts the removed records back as they were.
 */
import type { AnnotationView, Annotation } from '$contract';
import { call } from '../api';
import type { HighlightColor, Position } from '../annotations';
import { i18n } from '../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';

export interface AnnotationPatch {
  color?: HighlightColor;
  note?: string;
  tags?: string[];
}

class AnnotationsState {
  /** The article whose annotations `forArticle` holds. */
  articleId = $state<string | null>(null);
  forArticle = $state.raw<AnnotationView[]>([]);
  all = $state.raw<AnnotationView[]>([]);
  allLoaded = $state(false);
  error = $state<string | null>(null);
  /** An annotation the reader should scroll to and flash once it is on screen. */
  revealId = $state<string | null>(null);
  #generation = 0;
  /** The last deletion's undo, kept for Ctrl+Z after its toast has gone. Runs at most once. */
  #undo: (() => Promise<void>) | null = null;

  get orphaned(): AnnotationView[] {
    return this.forArticle.filter((a) => a.anchor?.status === 'orphaned');
  }

  /** Every tag in use, sorted, for filters and autocomplete. */
  allTags: string[] = $derived(
    [...new Set([...this.all, ...this.forArticle].flatMap((a) => a.tags))].sort((a, b) =>
      a.localeCompare(b, 'zh-CN'),
    ),
  );

  async #guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await work();
      this.error = null;
      return value;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      toasts.show({ kind: 'error', message: i18n.t('error.generic', { message: this.error }) });
      return undefined;
    }
  }

  async loadFor(articleId: string | null): Promise<void> {
    const generation = ++this.#generation;
    if (articleId !== this.articleId) this.forArticle = [];
    this.articleId = articleId;
    if (!articleId) return;
    const list = await this.#guard(() => call('library:annotations', { articleId }));
    if (list && generation === this.#generation) this.forArticle = list;
  }

  async loadAll(): Promise<void> {
    const list = await this.#guard(() => call('library:annotations', {}));
    if (list) {
      this.all = list;
      this.allLoaded = true;
    }
  }

  async #refresh(): Promise<void> {
    await Promise.all([this.loadFor(this.articleId), this.allLoaded ? this.loadAll() : undefined]);
  }

  async add(
    articleId: string,
    position: Position,
    color: HighlightColor,
    extra: { note?: string; tags?: string[] } = {},
  ): Promise<AnnotationView | undefined> {
    const note = extra.note?.trim();
    const added = await this.#guard(() =>
      call('library:addAnnotation', {
        articleId,
        position,
        color,
        ...(note ? { note } : {}),
        ...(extra.tags?.length ? { tags: extra.tags } : {}),
      }),
    );
    if (!added) return undefined;
    if (this.articleId === articleId) this.forArticle = [...this.forArticle, added];
    if (this.allLoaded) this.all = [added, ...this.all];
    return added;
  }

  async update(id: string, patch: AnnotationPatch): Promise<boolean> {
    const updated = await this.#guard(() => call('library:updateAnnotation', { id, ...patch }));
    if (!updated) return false;
    const merge = (a: AnnotationView): AnnotationView => (a.id === id ? { ...a, ...updated } : a);
    this.forArticle = this.forArticle.map(merge);
    this.all = this.all.map(merge);
    return true;
  }

  /** Deletes annotations; a toast offers Undo, and Ctrl+Z undoes the last deletion. */
  async remove(ids: string[]): Promise<boolean> {
    if (ids.length === 0) return false;
    const result = await this.#guard(() => call('library:deleteAnnotations', { ids }));
    if (!result) return false;
    const gone = new Set(ids);
    this.forArticle = this.forArticle.filter((a) => !gone.has(a.id));
    this.all = this.all.filter((a) => !gone.has(a.id));
    if (result.removed.length === 0) return true;
    const undo = this.#makeUndo(result.removed);
    this.#undo = undo;
    toasts.show({
      message: i18n.t('annotations.deleted', { n: result.removed.length }),
      undo,
    });
    return true;
  }

  #makeUndo(removed: Annotation[]): () => Promise<void> {
    let done = false;
    const undo = async (): Promise<void> => {
      if (done) return;
      done = true;
      if (this.#undo === undo) this.#undo = null;
      await call('library:restore', { annotations: removed });
      await this.#refresh();
      toasts.show({ message: i18n.t('annotations.restored', { n: removed.length }) });
    };
    return undo;
  }

  /** True when a deletion can still be undone (Ctrl+Z after its toast expired). */
  get canUndo(): boolean {
    return this.#undo !== null;
  }

  /** Whether a toast's undo is this state's pending one (Ctrl+Z then belongs to it). */
  ownsUndo(undo: unknown): boolean {
    return undo !== undefined && undo === this.#undo;
  }

  async undoLast(): Promise<boolean> {
    const undo = this.#undo;
    if (!undo) return false;
    const toast = toasts.items.find((t) => t.undo === undo);
    if (toast) return toasts.undo(toast.id, (message) => i18n.t('error.generic', { message }));
    try {
      await undo();
      return true;
    } catch (err) {
      toasts.show({
        kind: 'error',
        message: i18n.t('error.generic', { message: err instanceof Error ? err.message : String(err) }),
      });
      return false;
    }
  }

  /** After a library import: everything may have changed. */
  async reload(): Promise<void> {
    await this.#refresh();
  }

  reveal(id: string | null): void {
    this.revealId = id;
  }

  reset(): void {
    this.#generation++;
    this.articleId = null;
    this.forArticle = [];
    this.all = [];
    this.allLoaded = false;
    this.error = null;
    this.revealId = null;
    this.#undo = null;
  }
}

export const annotations = new AnnotationsState();
