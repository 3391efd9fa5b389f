/**
 * The handlers: one per channel of the contract, each a thin call into the archive core. Requests
 * arrive here already validated (dispatch.ts); handlers throw NotFoundError / BusyError for the
 * caller's mistakes and let anything else become an INTERNAL error.
 */
import type { ArchiveCore } from '../archive/archive-core.js';
import type { ArticleMeta } from '../archive/model.js';
import type { Channel, ParsedRequest, Response } from './contract.js';

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export type Handlers = { [C in Channel]: (request: ParsedRequest<C>) => Promise<Response<C>> };

export function createHandlers(core: ArchiveCore, version: string): Handlers {
  const { catalog, library, search } = core;
  return {
    'app:info': async () => ({
      version,
      dataDir: core.dataDir,
      articles: catalog.size,
      sources: catalog.listSources().length,
      ...(core.recoveryMessage() ? { recovery: core.recoveryMessage() } : {}),
    }),

    'archive:list': async ({ offset = 0, limit = 200, sort = 'newest' }) => {
      const all = catalog.listArticles().sort(byTime(sort));
      return { articles: all.slice(offset, offset + limit), total: all.length };
    },

    'archive:get': async ({ id }) => {
      const article = await catalog.getArticle(id);
      if (!article) throw new NotFoundError(`No article with id ${id}.`);
      return { ...article, bookmarked: library.isBookmarked(id) };
    },

    'archive:search': async ({ bookmarked, ...query }) => {
      const onlyIds = bookmarked ? library.listBookmarks().map((b) => b.articleId) : undefined;
      return search.search({ ...query, ...(onlyIds ? { onlyIds } : {}) });
    },

    'archive:import': async ({ paths, extensions }) =>
      core.importPaths(paths, extensions ? { extensions } : {}),

    'archive:cancelImport': async () => ({ cancelled: core.cancelImport() }),

    'archive:sources': async () => catalog.listSources(),

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

    'library:settings': async () => library.settings,

    'library:updateSettings': async (patch) => library.updateSettings(patch),
  };
}

function byTime(sort: 'newest' | 'oldest'): (a: ArticleMeta, b: ArticleMeta) => number {
  const sign = sort === 'newest' ? -1 : 1;
  return (a, b) =>
    sign * (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.title.localeCompare(b.title);
}
