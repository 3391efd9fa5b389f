/**
 * The user's highlights and notes: those of the open article (with where each anchors now, or
 * orphaned) and, for the Notes view, all of them. Deleting offers an undo through the toast queue, which
 * Ctrl+Z can still run after the toast has gone; the undo puts the removed records back as they were.
 */
import type { AnnotationView, Annotation } from '$contract';
import { call } from '../api';
import type { HighlightColor, Position } from '../annotations';
import { i18n } from '../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';
import { guarded } from './guarded';

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

  get orphaned(): AnnotationView[] {
    return this.forArticle.filter((a) => a.anchor?.status === 'orphaned');
  }

  /** Every tag in use, sorted, for filters and autocomplete. */
  allTags: string[] = $derived(
    [...new Set([...this.all, ...this.forArticle].flatMap((a) => a.tags))].sort((a, b) =>
      a.localeCompare(b, 'zh-CN'),
    ),
  );

  #guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    return guarded(work, (message) => {
      this.error = message;
      if (message) toasts.show({ kind: 'error', message: i18n.t('error.generic', { message }) });
    });
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
    const removed = result.removed;
    toasts.show({
      message: i18n.t('annotations.deleted', { n: removed.length }),
      undo: () => this.#restore(removed),
      undoOutlastsToast: true,
    });
    return true;
  }

  async #restore(removed: Annotation[]): Promise<void> {
    await call('library:restore', { annotations: removed });
    await this.#refresh();
    toasts.show({ message: i18n.t('annotations.restored', { n: removed.length }) });
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
  }
}

export const annotations = new AnnotationsState();
