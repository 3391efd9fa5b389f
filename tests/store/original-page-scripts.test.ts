/**
 * The original's rewrite cuts scripts, noscripts and templates out of the text before parsing (a
 * page's scripts are often most of its bytes): markup inside a script never becomes an element, the
 * page around it and its styles stay, and a script the cut misses (one opened inside an attribute,
 * never closed) is still removed from the parsed page.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { MediaStore } from '../../src-main/archive/catalog/media-store.js';
import { prepareOriginal } from '../../src-main/archive/catalog/original-page.js';
import { tempDir } from '../helpers/tmp.js';

const PAGE = `<!DOCTYPE html><html><head><title>标题</title>
<style>.a{color:red}</style>
<script>var s = "<img src='http://remote.example/x.png'></div><p>假段落</p>";</script>
<SCRIPT type="text/javascript">document.write("<iframe src=//x>")</SCRIPT >
</head><body><p class="a">第一段</p>
<noscript><img src="http://remote.example/track.gif"></noscript>
<template><p>模板</p></template>
<p>第二段</p><div title="<script>">属性里的尖括号</div>
<script src="http://remote.example/late.js"></body></html>`;

describe('prepareOriginal without scripts', () => {
  it('keeps the page and its styles, and no script or its markup', async () => {
    const media = new MediaStore(await tempDir());
    const out = await prepareOriginal(PAGE, { resource: async () => undefined }, media);
    const { document } = parseHTML(out);
    expect([...document.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['第一段', '第二段']);
    expect(document.querySelector('style')?.textContent).toBe('.a{color:red}');
    expect(document.querySelectorAll('script, noscript, template, iframe, img')).toHaveLength(0);
    expect(out).not.toContain('remote.example');
    expect(out).not.toContain('假段落');
    expect(out).toContain('属性里的尖括号');
  });
});
