/**
 * The handlers: one per channel of the contract, each a thin call into the archive core. Requests
 * arrive here already validated (dispatch.ts); handlers throw NotFoundError / BusyError for the
 * caller's mistakes and let anything else become an INTERNAL error.
 */
import type { ArchiveCore } from '../archive/archive-core.js';
import type { ArticleMeta } from '../archive/model.js';
import { anchor, describeSelection } from '../archive/library/anchoring.js';
import { searchNotes } from '../archive/search/notes-search.js';
import {
  exportLibraryJson,
  exportLibraryMarkdown,
  parseLibraryExport,
} from '../archive/library/library-export.js';
import type { Annotation, Bookmark } from '../archive/library/library-types.js';
import type { Channel, ParsedRequest, Response } from './contract.js';

export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export type Handlers = { [C in Channel]: (request: ParsedRequest<C>) => Promise<Response<C>> };

export function createHandlers(core: ArchiveCore, version: string): Handlers {
  const handlers = baseHandlers(core, version);
  // Another process (the CLI, a second app) may have changed the library or the catalog: catch up
  // first (two stats when nothing changed).
  for (const name of Object.keys(handlers) as (keyof Handlers)[]) {
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    (handlers as Record<string, (req: unknown) => Promise<unknown>>)[name] = async (req) => {
      await core.syncFromDisk();
      return handler(req);
    };
  }
  return handlers;
}

function baseHandlers(core: ArchiveCore, version: string): Handlers {
  const { catalog, library, search } = core;
  return {
    'app:info': async () => ({
      version,
      dataDir: core.dataDir,
      articles: catalog.size,
      sources: catalog.listSources().length,
      ...(core.recoveryMessage()
        ? { recovery: core.recoveryMessage(), recoveryNotices: core.recoveryNotices() }
        : {}),
      ...(core.indexing ? { indexing: core.indexing } : {}),
    }),

    'archive:list': async ({ offset = 0, limit = 200, sort = 'newest' }) => {
      const all = catalog.listArticles().sort(byTime(sort));
      return { articles: all.slice(offset, offset + limit), total: all.length };
    },

    'archive:get': async ({ id }) => {
      const article = await catalog.getArticle(id);
      if (!article) throw new NotFoundError(`No article with id ${id}.`);
      const reading = library.data.reading[id];
      return {
        ...article,
        bookmarked: library.isBookmarked(id),
        ...(reading ? { reading: { ...reading } } : {}),
      };
    },

    'archive:days': async () => {
      const counts = new Map<string, number>();
      for (const a of catalog.listArticles()) {
        // publishedAt carries +08:00, so its first ten characters are the day in China Standard Time.
        const day = a.publishedAt?.slice(0, 10);
        if (day) counts.set(day, (counts.get(day) ?? 0) + 1);
      }
      return [...counts.entries()]
        .map(([day, count]) => ({ day, count }))
        .sort((a, b) => b.day.localeCompare(a.day));
    },

    'archive:search': async ({ bookmarked, annotated, scope = 'articles', ...query }) => {
      let onlyIds: string[] | undefined;
      if (bookmarked) onlyIds = library.listBookmarks().map((b) => b.articleId);
      if (annotated) {
        const withNotes = new Set(library.listAnnotations().map((a) => a.articleId));
        onlyIds = (onlyIds ?? [...withNotes]).filter((id) => withNotes.has(id));
      }
      const result =
        scope === 'notes'
          ? { hits: [], total: 0, tookMs: 0 }
          : await search.search({ ...query, ...(onlyIds ? { onlyIds } : {}) });
      if (scope === 'articles') return result;
      const annotations = new Map(library.listAnnotations().map((a) => [a.id, a]));
      const docs = [...annotations.values()].map((a) => ({
        id: a.id,
        articleId: a.articleId,
        text: a.note ? `${a.note}\n${a.target.quote.exact}` : a.target.quote.exact,
      }));
      const notes = searchNotes(query.q, docs, query.limit ?? 20).flatMap((hit) => {
        const annotation = annotations.get(hit.id);
        if (!annotation) return [];
        const article = catalog.getMeta(hit.articleId);
        return [{ annotation, score: hit.score, context: hit.context, ...(article ? { article } : {}) }];
      });
      return { ...result, notes };
    },

    'archive:import': async ({ paths, extensions }) =>
      core.importPaths(paths, extensions ? { extensions } : {}),

    'archive:cancelImport': async () => ({ cancelled: core.cancelImport() }),

    'archive:sources': async () => catalog.listSources(),

    'archive:removeSource': async ({ path }) => {
      if (!catalog.getSource(path)) throw new NotFoundError(`No source file ${path}.`);
      return { removed: await core.removeSource(path) };
    },

    'archive:reimportSource': async ({ path }) => {
      if (!catalog.getSource(path)) throw new NotFoundError(`No source file ${path}.`);
      return core.reimportSource(path);
    },

    'library:bookmarks': async () =>
      library
        .listBookmarks()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((b) => {
          const article = catalog.getMeta(b.articleId);
          return article ? { ...b, article } : b;
        }),

    'library:setBookmark': async ({ articleId, bookmarked, tags, note }) => {
      if (!bookmarked) {
        await library.removeBookmarks([articleId]);
        return { bookmarked: false };
      }
      if (!catalog.getMeta(articleId)) throw new NotFoundError(`No article with id ${articleId}.`);
      const bookmark = await library.setBookmark(articleId, {
        ...(tags ? { tags } : {}),
        ...(note !== undefined ? { note } : {}),
      });
      return { bookmarked: true, bookmark };
    },

    'library:removeBookmarks': async ({ articleIds }) => ({
      removed: await library.removeBookmarks(articleIds),
    }),

    'library:annotations': async ({ articleId }) => {
      const list = library.listAnnotations(articleId);
      if (!articleId) {
        return list
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
          .map((a) => withArticle(a, catalog.getMeta(a.articleId)));
      }
      const body = await catalog.getBody(articleId);
      const meta = catalog.getMeta(articleId);
      return list.map((a) => ({
        ...withArticle(a, meta),
        anchor: body ? anchor(body.blocks, a.target) : ({ status: 'orphaned' } as const),
      }));
    },

    'library:addAnnotation': async ({ articleId, position, color, note, tags }) => {
      const body = await catalog.getBody(articleId);
      if (!body) throw new NotFoundError(`Article ${articleId} has no text in the archive to highlight.`);
      const target = describeSelection(body.blocks, position);
      if (!target) throw new BadRequestError('The selection is outside the article text.');
      const added = await library.addAnnotation({
        articleId,
        target,
        color,
        ...(note ? { note } : {}),
        ...(tags ? { tags } : {}),
      });
      return { ...withArticle(added, catalog.getMeta(articleId)), anchor: anchor(body.blocks, target) };
    },

    'library:updateAnnotation': async ({ id, ...patch }) => {
      const updated = await library.updateAnnotation(id, patch);
      if (!updated) throw new NotFoundError(`No annotation with id ${id}.`);
      return updated;
    },

    'library:deleteAnnotations': async ({ ids }) => ({ removed: await library.deleteAnnotations(ids) }),

    'library:restore': async ({ bookmarks, annotations }) =>
      library.merge({
        ...(bookmarks ? { bookmarks: bookmarks as Bookmark[] } : {}),
        ...(annotations ? { annotations: annotations as Annotation[] } : {}),
      }),

    'library:export': async ({ format }) => {
      const day = new Date().toISOString().slice(0, 10);
      return format === 'md'
        ? {
            content: exportLibraryMarkdown(library, catalog),
            fileName: `yuelan-notes-${day}.md`,
            mimeType: 'text/markdown',
          }
        : {
            content: exportLibraryJson(library),
            fileName: `yuelan-library-${day}.json`,
            mimeType: 'application/json',
          };
    },

    'library:importLibrary': async ({ content }) => {
      let records;
      try {
        records = parseLibraryExport(content);
      } catch (err) {
        throw new BadRequestError((err as Error).message);
      }
      return library.merge(records);
    },

    'library:reading': async () => structuredClone(library.data.reading),

    'library:setReading': async ({ articleId, position }) => {
      if (!catalog.getMeta(articleId)) throw new NotFoundError(`No article with id ${articleId}.`);
      await library.setReading(articleId, position);
      return { ...library.data.reading[articleId]! };
    },

    'library:settings': async () => library.settings,

    'library:updateSettings': async (patch) => library.updateSettings(patch),
  };
}

function withArticle(
  a: Annotation,
  article: ArticleMeta | undefined,
): Annotation & { article?: ArticleMeta } {
  return article ? { ...a, article } : a;
}

function byTime(sort: 'newest' | 'oldest'): (a: ArticleMeta, b: ArticleMeta) => number {
  const sign = sort === 'newest' ? -1 : 1;
  return (a, b) =>
    sign * (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.title.localeCompare(b.title);
}
