/**
 * The handlers: one per channel of the contract, each a thin call into the archive core. Requests
 * arrive here already validated (dispatch.ts); handlers throw NotFoundError / BusyError for the
 * caller's mistakes and let anything else become an INTERNAL error.
 */
import { BusyError, type ArchiveCore } from '../archive/archive-core.js';
import type { CatalogStore } from '../archive/catalog/catalog-store.js';
import type { ArticleMeta } from '../archive/model.js';
import { anchor, describeSelection, targetForQuote } from '../archive/library/anchoring.js';
import { parseLibraryExport } from '../archive/library/library-export.js';
import {
  articleDays,
  exportLibrary,
  listArticles,
  readArticle,
  searchArchive,
  withTitlesGuessed,
} from '../archive/archive-queries.js';
import type { Annotation, Bookmark } from '../archive/library/library-types.js';
import { sourceCount, sourcePathsIn, sourcesPage } from '../archive/source-queries.js';
import type { Channel, ParsedRequest, Response } from './contract.js';
import { syncHandlers } from './sync-handlers.js';

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

/**
 * An article not found by id: not there, or not findable by id yet (another process's first import of
 * this archive builds the id index at its end: catalog/bulk-import.ts).
 */
function missing(catalog: CatalogStore, id: string): Error {
  if (catalog.idLookupsWait)
    return new BusyError(
      'Another Yuelan process is importing this archive; its articles open when that import ends.',
    );
  return new NotFoundError(`No article with id ${id}.`);
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
  const { catalog, library } = core;
  return {
    'app:info': async () => ({
      version,
      dataDir: core.dataDir,
      // The count the All articles list shows: a headline listed by several pages is one entry, and
      // headline-only entries are left out when the user chose to see readable articles only.
      articles: listArticles(catalog, { limit: 1, readable: library.settings.readableOnly === true }).total,
      sources: sourceCount(catalog),
      ...(core.recoveryNotices().length ? { recoveryNotices: core.recoveryNotices() } : {}),
      ...(core.indexing ? { indexing: core.indexing } : {}),
      ...(core.seedsDir ? { seedsDir: core.seedsDir } : {}),
    }),

    'archive:list': async (request) => listArticles(catalog, request),

    'archive:get': async ({ id }) => {
      const article = await readArticle(core, id);
      if (!article) throw missing(catalog, id);
      return article;
    },

    'archive:days': async (request) => articleDays(catalog, request),

    'archive:search': async (request) => searchArchive(core, request),

    'archive:import': async ({ paths, extensions }) =>
      withTitlesGuessed(catalog, await core.importPaths(paths, extensions ? { extensions } : {}), paths),

    'archive:cancelImport': async () => ({ cancelled: core.cancelImport() }),

    'archive:sourcesPage': async (request) => sourcesPage(catalog, request),

    'archive:removeSource': async ({ path }) => {
      if (!catalog.getSource(path)) throw new NotFoundError(`No source file ${path}.`);
      return { removed: await core.removeSource(path) };
    },

    'archive:reimportSource': async ({ path }) => {
      if (!catalog.getSource(path)) throw new NotFoundError(`No source file ${path}.`);
      return withTitlesGuessed(catalog, await core.reimportSource(path), [path]);
    },

    'archive:removeFolder': async ({ folder }) => {
      const paths = sourcePathsIn(catalog, folder);
      if (paths.length === 0) throw new NotFoundError(`No source files in ${folder}.`);
      return { removed: await core.removeSources(paths) };
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
      if (!catalog.getMeta(articleId)) throw missing(catalog, articleId);
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

    'library:addAnnotation': async ({ articleId, position, quote, color, note, tags }) => {
      const body = await catalog.getBody(articleId);
      if (!body) {
        throw new NotFoundError(
          catalog.getMeta(articleId)
            ? `Article ${articleId} has no text in the archive to highlight.`
            : `No article with id ${articleId}.`,
        );
      }
      const target = position
        ? describeSelection(body.blocks, position)
        : targetForQuote(body.blocks, quote ?? '');
      if (!target) {
        throw new BadRequestError(
          position
            ? 'The selection is outside the article text.'
            : `The quote was not found in article ${articleId}.`,
        );
      }
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

    'library:export': async ({ format, locale }) => exportLibrary(core, format, new Date(), locale),

    'library:importLibrary': async ({ content }) => {
      let records;
      try {
        records = parseLibraryExport(content);
      } catch (err) {
        throw new BadRequestError((err as Error).message);
      }
      return library.merge(records);
    },

    'library:reading': async () => library.allReading(),

    'library:setReading': async ({ articleId, position }) => {
      if (!catalog.getMeta(articleId)) throw missing(catalog, articleId);
      return library.setReading(articleId, position);
    },

    'library:settings': async () => library.settings,

    'library:updateSettings': async (patch) => library.updateSettings(patch),
    ...syncHandlers(core),
  };
}

function withArticle(
  a: Annotation,
  article: ArticleMeta | undefined,
): Annotation & { article?: ArticleMeta } {
  return article ? { ...a, article } : a;
}
