/**
 * What one text page may hold (issue #18): the limits past which the text parser rejects a page whole,
 * and the characters that are never text. Apart from parse-page.ts so the parser reads as the format.
 */

/**
 * Headline entries (title line + date line) one page may list. A saved page lists tens (the seed 35);
 * a list of thousands is not a news page but a dump or an attack. Such a page is rejected rather than
 * cut to its first entries: the main article's title is found by matching, not by position, so a cut
 * list could give it a wrong, inferred title, and a partial import would look complete.
 */
export const MAX_HEADLINES = 5_000;
/** Teaser lines one page may hold (with `...`, or without it but starting with a headline); as above. */
export const MAX_TEASERS = 5_000;
/** A longer line is never a headline's title (a 1 MB "title" is not a headline). Titles run to ~60. */
export const TITLE_MAX_CHARS = 200;
/** A longer line is never a teaser (headline + snippet, ~100 in real pages): it is skipped. */
export const TEASER_MAX_CHARS = 1_000;
/**
 * Stray lines (after the article, neither a headline entry nor a teaser with `...`) that are compared
 * with the headlines, to find teasers whose site dropped the dots. A saved page has a handful; each
 * costs a fold (~20 µs), so 16 MB of short junk lines took 9 s. Lines past this many are skipped
 * unread (counted in `skipped`): the article and its list are still imported.
 */
export const MAX_STRAYS_MATCHED = 5_000;
/** The main article's body (its lines, in characters). Over it the page is rejected. */
export const MAX_BODY_CHARS = 1_000_000;

/**
 * Characters that are never text: C0 controls but line feed, DEL, C1 controls (U+0080–U+009F), and
 * the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make a title read
 * differently from what it holds. Tab, vertical tab and form feed become spaces.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const NOT_TEXT = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;
export const SPACE_CONTROLS = /[\t\v\f]/g;
