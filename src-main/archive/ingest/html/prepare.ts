/**
 * The markup made small before it is parsed, in linear time: scripts and styles go (a JSON-LD script
 * stays: it carries the headline and time), after the facts that only scripts hold were read from
 * them (WeChat prints its publish time from `var ct = "…"`); long `data:` URIs (SingleFile inlines
 * every picture) are swapped for short tokens and restored on the pictures that stay.
 */

export interface Prepared {
  html: string;
  /** The `data:` URIs taken out, by token. */
  dataUris: Map<string, string>;
  /** WeChat's `var ct = "<unix seconds>"`: the article's publish time. */
  wechatCreateTime?: number;
  /**
   * A publish time a script's data names as one (`"pubtime": "…"`, qq's `window.DATA`); crawl and
   * update times in the same data are never read.
   */
  scriptPubTime?: string;
  /** How much text the scripts held: a page that is all script and no text is a JavaScript shell. */
  scriptChars: number;
}

const DATA_URI_MIN = 256;
/** Keys that name a publish time in a script's data, and nothing else. */
const PUB_TIME_KEY =
  /["']?\b(?:pubtime|pub_time|pubTime|publishTime|publish_time|publishtime|pubDate|pub_date)["']?\s*[:=]\s*["']((?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}[^"']{0,15})["']/;
export const DATA_TOKEN_PREFIX = 'yuelan-data:';

/**
 * How deep the markup nests, estimated from its tags alone in one pass (elements whose end tag may
 * be left out, like `p` and `li`, are not counted). The DOM parser's cost grows with the square of
 * the depth, so a hostile page is refused before it is parsed.
 */
export function markupDepth(html: string): number {
  const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,20})\b[^<>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (VOID_OR_OPTIONAL.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

const VOID_OR_OPTIONAL = new Set(
  'area base br col embed hr img input link meta source track wbr p li dt dd tr td th option optgroup tbody thead tfoot colgroup rb rt rp html head body'.split(
    ' ',
  ),
);

export function prepareHtml(text: string): Prepared {
  const dataUris = new Map<string, string>();
  const withoutData = stashDataUris(text, dataUris);
  let wechatCreateTime: number | undefined;
  let scriptPubTime: string | undefined;
  let scriptChars = 0;
  const html = removeRawText(withoutData, (name, attrs, body) => {
    if (name === 'script') {
      scriptChars += body.length;
      if (/application\/ld\+json/i.test(attrs)) return true;
      if (wechatCreateTime === undefined) {
        const m = /\bvar\s+ct\s*=\s*["']?(\d{10})["']?/.exec(body);
        if (m) wechatCreateTime = Number(m[1]);
      }
      if (scriptPubTime === undefined) scriptPubTime = PUB_TIME_KEY.exec(body)?.[1];
    }
    return false;
  });
  return {
    html,
    dataUris,
    scriptChars,
    ...(wechatCreateTime !== undefined ? { wechatCreateTime } : {}),
    ...(scriptPubTime !== undefined ? { scriptPubTime } : {}),
  };
}

/**
 * The page without its scripts, noscripts and templates (styles and `data:` URIs kept), in one linear
 * pass: what the original's rewrite (catalog/original-page.ts) parses, since it would remove them
 * anyway and a page's scripts are often most of its bytes. The rewrite still removes any such element
 * the parser finds, so this is a saving, not the safeguard.
 */
export function withoutScripts(text: string): string {
  return removeRawText(text, (name) => name === 'style');
}

/** `data:` URIs in attribute values longer than DATA_URI_MIN, replaced by `yuelan-data:<n>`. */
function stashDataUris(text: string, store: Map<string, string>): string {
  if (text.indexOf('data:') < 0) return text;
  const out: string[] = [];
  let pos = 0;
  for (let at = text.indexOf('data:', 0); at >= 0; at = text.indexOf('data:', at + 5)) {
    if (at < pos) continue;
    const quote = text[at - 1];
    if (quote !== '"' && quote !== "'") continue;
    const end = text.indexOf(quote, at);
    if (end < 0) break;
    if (end - at < DATA_URI_MIN) continue;
    const token = `${DATA_TOKEN_PREFIX}${store.size}`;
    store.set(token, text.slice(at, end));
    out.push(text.slice(pos, at), token);
    pos = end;
    at = end - 5;
  }
  if (pos === 0) return text;
  out.push(text.slice(pos));
  return out.join('');
}

const RAW = /<(script|style|noscript|template)\b/gi;

/**
 * Every script, style, noscript and template element removed unless `keep` says otherwise. Each
 * opener's `>` and each closer are searched once; an element never closed ends the scan (the rest is
 * kept as written, as a browser would show it as text).
 */
function removeRawText(text: string, keep: (name: string, attrs: string, body: string) => boolean): string {
  const out: string[] = [];
  let pos = 0;
  const closedFrom: Record<string, number> = {};
  RAW.lastIndex = 0;
  for (let m = RAW.exec(text); m; m = RAW.exec(text)) {
    const name = m[1]!.toLowerCase();
    const gt = text.indexOf('>', m.index);
    if (gt < 0) break;
    if (gt + 1 >= (closedFrom[name] ?? Infinity)) continue;
    const closer = new RegExp(`</${name}\\s*>`, 'gi');
    closer.lastIndex = gt + 1;
    const c = closer.exec(text);
    if (!c) {
      closedFrom[name] = gt + 1;
      continue;
    }
    const attrs = text.slice(m.index + m[0].length, gt);
    if (!keep(name, attrs, text.slice(gt + 1, c.index))) {
      out.push(text.slice(pos, m.index));
      pos = c.index + c[0].length;
    }
    RAW.lastIndex = c.index + c[0].length;
  }
  if (pos === 0) return text;
  out.push(text.slice(pos));
  return out.join('');
}
