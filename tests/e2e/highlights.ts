/**
 * Highlights in the reader, driven as a person would: select text by block and offset (as after a
 * drag), read back what is marked, and delete every highlight of the open article. Shared by the
 * annotations spec and the views spec (which makes real notes for the Notes screenshot).
 */
import { expect, type Page } from '@playwright/test';

/**
 * Selects [start, end) of a block's text by offsets, backwards when asked (focus before anchor), and
 * lets the reader know the pointer is up, as after a drag. Returns the selected text.
 */
export async function selectInBlocks(
  page: Page,
  from: { block: number; offset: number },
  to: { block: number; offset: number },
  backwards = false,
): Promise<string> {
  return page.evaluate(
    ({ from, to, backwards }) => {
      const point = (block: number, offset: number): [Node, number] => {
        const el = document.querySelector(`[data-block="${block}"]`)!;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let left = offset;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent!.length;
          if (left <= length) return [node, left];
          left -= length;
        }
        throw new Error(`offset ${offset} is past block ${block}`);
      };
      const [sn, so] = point(from.block, from.offset);
      const [en, eo] = point(to.block, to.offset);
      const selection = window.getSelection()!;
      if (backwards) selection.setBaseAndExtent(en, eo, sn, so);
      else selection.setBaseAndExtent(sn, so, en, eo);
      const text = selection.toString();
      en.parentElement!.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
      return text;
    },
    { from, to, backwards },
  );
}

/** The first sentence of each paragraph block of the open article that has one of some length. */
export async function paragraphSentences(page: Page): Promise<{ block: number; text: string }[]> {
  return page.evaluate(() => {
    const out: { block: number; text: string }[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.article-body p[data-block]')) {
      const text = el.textContent ?? '';
      const end = text.indexOf('。');
      if (end > 10) out.push({ block: Number(el.dataset.block), text: text.slice(0, end + 1) });
    }
    return out;
  });
}

/** The first paragraph block with a full sentence, and that sentence's length. */
export async function firstSentence(page: Page): Promise<{ block: number; text: string }> {
  return page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('.article-body p[data-block]')) {
      const text = el.textContent ?? '';
      const end = text.indexOf('。');
      if (end > 10) return { block: Number(el.dataset.block), text: text.slice(0, end + 1) };
    }
    throw new Error('no sentence found');
  });
}

/** The text under each highlight, joined across its segments, by annotation id. */
export async function markedTexts(page: Page): Promise<Record<string, { text: string; blocks: number[] }>> {
  return page.evaluate(() => {
    const out: Record<string, { text: string; blocks: number[] }> = {};
    for (const mark of document.querySelectorAll<HTMLElement>('.article-body mark.hl')) {
      const id = mark.dataset.annotationId!;
      const block = Number(mark.closest<HTMLElement>('[data-block]')!.dataset.block);
      const entry = (out[id] ??= { text: '', blocks: [] });
      entry.text += mark.textContent;
      if (!entry.blocks.includes(block)) entry.blocks.push(block);
    }
    return out;
  });
}

export async function deleteAllHighlights(page: Page): Promise<void> {
  // A highlight under another one shows once the top one is gone: repeat until none is left.
  for (let round = 0; round < 20; round++) {
    const [id] = Object.keys(await markedTexts(page));
    if (!id) return;
    await page.locator(`mark.hl[data-annotation-id="${id}"]`).first().click();
    await page.getByRole('dialog', { name: '编辑高亮' }).getByRole('button', { name: '删除' }).click();
    await expect(page.locator(`mark.hl[data-annotation-id="${id}"]`)).toHaveCount(0);
  }
  throw new Error('highlights keep coming back');
}
