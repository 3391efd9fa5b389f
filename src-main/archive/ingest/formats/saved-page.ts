/**
 * What a saved-page container (an HTML file, a "Save as, complete" folder, MHTML, WARC, WACZ) hands to
 * the HTML extractor, and what the extractor hands back. The two sides meet only here: a container
 * knows bytes, URLs and capture times, never articles; the extractor knows HTML, never files.
 */
import type { Block } from '../../model.js';

/** How a source file stores its pages; the seed's text dumps are `text`. */
export type PageFormat = 'text' | 'html' | 'mhtml' | 'warc' | 'wacz';

/** A resource (a picture, a stylesheet) that the archive itself holds. */
export interface SavedResource {
  /** Absolute URL as the archive names it (`file:` for a `_files` folder, `cid:` for MHTML parts). */
  url: string;
  /** The declared type, e.g. image/jpeg; sniffed again before anything is shown. */
  contentType: string;
  bytes: Uint8Array;
}

/** One HTML page taken out of a container, undecoded. */
export interface SavedPage {
  format: Exclude<PageFormat, 'text'>;
  /** The page's HTML exactly as saved. */
  html: Uint8Array;
  /** The charset a transport declared (a WARC record's HTTP header, an MHTML part): a hint to verify. */
  charsetHint?: string;
  /** Where the page was captured from, when the container says (WARC-Target-URI, MHTML's Content-Location). */
  url?: string;
  /**
   * Where a page saved to disk came from, when its saving tool wrote it down (Chrome's `saved from
   * url=`, SingleFile's `url:`): the article's address. (`url` is then the file's own, for resolving.)
   */
  sourceUrl?: string;
  /** When it was captured (WARC-Date, MHTML's Date): never taken as the published time. */
  capturedAt?: string;
  /**
   * A resource the archive holds, by the URL the page uses (resolved against `url` by the caller), or
   * undefined: nothing is ever fetched from the network.
   */
  resource(url: string): Promise<SavedResource | undefined>;
}

/** Which cue gave an HTML page's title, and which its published time. */
export type HtmlTitleCue = 'h1' | 'og:title' | 'jsonld' | 'title';
export type TimeCue = 'printed' | 'meta' | 'jsonld';
export type TimePrecision = 'second' | 'minute' | 'day';

/** A picture in an article: held by the archive (`media` is its content hash) or only named remotely. */
export interface ArticleImage {
  /** The content-addressed name in the data folder's media store (`<sha256>.<ext>`), when held. */
  media?: string;
  /** The URL the page used, kept for a remote picture's placeholder. */
  url?: string;
  alt?: string;
  caption?: string;
  width?: number;
  height?: number;
}

/** Why an extraction is imported but marked in Sources as low-confidence. */
export type ExtractionWarning = 'noTitle' | 'noTime' | 'shortBody';

/** What the extractor made of one page. */
export type Extraction =
  | {
      ok: true;
      title: string;
      titleCue: HtmlTitleCue;
      /** ISO 8601: `YYYY-MM-DDTHH:MM(:SS)+08:00`, or `YYYY-MM-DD` alone when only a date is printed. */
      publishedAt?: string;
      publishedPrecision?: TimePrecision;
      timeCue?: TimeCue;
      byline?: string;
      editor?: string;
      /** The news agency or self-media account the page credits (`来源：新华社`). */
      source?: string;
      /** Paragraphs, sub-headings and picture captions; a picture's block points into `images`. */
      blocks: Block[];
      images: ArticleImage[];
      /** "Part 1 of 4" of a multi-page article. */
      part?: { index: number; total: number };
      warnings: ExtractionWarning[];
      /** The encoding the HTML was decoded from, after verification. */
      encoding: string;
    }
  | {
      ok: false;
      /** `notArticle`: a list or index page, a login wall, an empty JavaScript shell. */
      code: 'notArticle' | 'binary' | 'empty' | 'tooLarge';
      detail: string;
    };
