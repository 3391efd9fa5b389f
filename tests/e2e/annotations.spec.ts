/**
 * Highlights and notes on the seed's main article, end to end: select a sentence (backwards), add a
 * note with a tag, reload and find the same text marked in the same place; the side panel lists it;
 * the Notes view filters it and exports Markdown holding the quote and the note; deleting offers
 * Undo (button and Ctrl+Z). A highlight may start in a heading and span blocks. The reading position
 * is restored when the article is opened again. The panel never squeezes the text below a comfortable
 * measure: at 1280×800 it is a drawer over the reader's edge, at 1600×900 it sits beside the text.
 * Each test leaves the article without highlights for the next (the tests of this file share a shell).
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  deleteAllHighlights,
  firstSentence,
  markedTexts,
  paragraphSentences,
  selectInBlocks,
} from './highlights';
import { expectAccessible } from './accessibility';
import { expect, test } from './serve-fixture';

const TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';
const NOTE = '近邻党建的要点：把服务送到家门口。';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

async function openSeedArticle(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('combobox', { name: '搜索档案' }).fill('近邻党建');
  await expect(page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').first()).toContainText(
    TITLE,
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(TITLE);
}

test('highlight a sentence with a note; it survives a reload; export; delete and undo', async ({
  page,
  appUrl,
}) => {
  const errors = collectErrors(page);
  await openSeedArticle(page, appUrl('/'));
  const sentence = await firstSentence(page);

  // A backwards selection of the whole sentence.
  const selected = await selectInBlocks(
    page,
    { block: sentence.block, offset: 0 },
    { block: sentence.block, offset: sentence.text.length },
    true,
  );
  expect(selected).toBe(sentence.text);
  const toolbar = page.getByRole('dialog', { name: '新建高亮' });
  await expect(toolbar).toBeVisible();
  await expect(toolbar.getByRole('button', { name: '黄色' })).toBeVisible();
  await page.screenshot({ path: 'test-results/annotations-toolbar.png' });

  await toolbar.getByRole('button', { name: '添加笔记' }).click();
  await toolbar.getByRole('textbox', { name: '笔记' }).fill(NOTE);
  const tags = toolbar.getByRole('combobox', { name: '标签' });
  await tags.fill('基层治理');
  await tags.press('Enter');
  await toolbar.getByRole('button', { name: '蓝色' }).isVisible();
  await page.screenshot({ path: 'test-results/annotations-note-editor.png' });
  await toolbar.getByRole('button', { name: '保存' }).click();
  await expect(toolbar).toBeHidden();

  let marks = await markedTexts(page);
  expect(Object.values(marks)).toEqual([{ text: sentence.text, blocks: [sentence.block] }]);
  const [id] = Object.keys(marks);

  // Change its colour from the toolbar of the existing highlight.
  await page.locator(`mark.hl[data-annotation-id="${id}"]`).first().click();
  const edit = page.getByRole('dialog', { name: '编辑高亮' });
  await edit.getByRole('button', { name: '绿色' }).click();
  await expect(edit.getByRole('button', { name: '绿色' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`mark.hl[data-annotation-id="${id}"]`).first()).toHaveClass(/hl-green/);
  await page.screenshot({ path: 'test-results/annotations-edit.png' });
  await page.keyboard.press('Escape');
  await expect(edit).toBeHidden();

  // After a reload the same text is marked in the same block.
  await page.reload();
  await openSeedArticle(page, appUrl('/'));
  await expect(page.locator('.article-body mark.hl').first()).toBeVisible();
  marks = await markedTexts(page);
  expect(marks).toEqual({ [id!]: { text: sentence.text, blocks: [sentence.block] } });

  // The side panel lists it with its note and tag; clicking jumps to it.
  await page
    .getByRole('toolbar', { name: '文章操作' })
    .getByRole('button', { name: /^批注 1/ })
    .click();
  const panel = page.getByRole('complementary', { name: /批注/ });
  await expect(panel).toContainText(sentence.text);
  await expect(panel).toContainText(NOTE);
  await expect(panel).toContainText('#基层治理');
  await panel.getByRole('button', { name: new RegExp(sentence.text.slice(0, 8)) }).click();
  await expect(page.locator(`mark.hl[data-annotation-id="${id}"]`).first()).toBeInViewport();
  await page.screenshot({ path: 'test-results/annotations-panel.png' });

  // The Notes view: filter, export Markdown with the quote and the note.
  await page.getByRole('navigation').getByRole('button', { name: /^笔记/ }).click();
  const notes = page.getByRole('listbox', { name: '笔记列表' });
  await expect(notes.getByRole('option')).toHaveCount(1);
  await expect(notes).toContainText(NOTE);
  await page.getByRole('button', { name: '粉色' }).click();
  await expect(notes.getByRole('option')).toHaveCount(0);
  await page.getByRole('button', { name: '粉色' }).click();
  await page.getByRole('combobox', { name: '按标签筛选' }).selectOption('基层治理');
  await page.getByRole('searchbox', { name: /筛选引文/ }).fill('家门口');
  await expect(notes.getByRole('option')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/annotations-notes-view.png' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await readFile((await file.path())!, 'utf8');
  expect(markdown).toContain(sentence.text);
  expect(markdown).toContain(NOTE);
  expect(markdown).toContain(TITLE);

  // The note opens the article at the highlight: from the keyboard (the list is a listbox)...
  await notes.focus();
  await page.keyboard.press('ArrowDown');
  await expect(notes.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.locator(`mark.hl[data-annotation-id="${id}"]`).first()).toBeInViewport();
  await expect(notes.getByRole('option').first()).toHaveAttribute('aria-current', 'true');
  // ...and with a click.
  await page.locator('.reader-scroll').evaluate((el) => el.scrollTo(0, 0));
  await notes.getByRole('option').first().click();
  await expect(page.locator(`mark.hl[data-annotation-id="${id}"]`).first()).toBeInViewport();

  // Delete, then Undo from the toast.
  await page.locator(`mark.hl[data-annotation-id="${id}"]`).first().click();
  await page.getByRole('dialog', { name: '编辑高亮' }).getByRole('button', { name: '删除' }).click();
  await expect(page.locator('.article-body mark.hl')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/annotations-deleted-toast.png' });
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('.article-body mark.hl')).toHaveCount(1);
  expect(await markedTexts(page)).toEqual({ [id!]: { text: sentence.text, blocks: [sentence.block] } });

  // Delete again, then Ctrl+Z from the reader.
  await page.locator(`mark.hl[data-annotation-id="${id}"]`).first().click();
  await page.getByRole('dialog', { name: '编辑高亮' }).getByRole('button', { name: '删除' }).click();
  await expect(page.locator('.article-body mark.hl')).toHaveCount(0);
  await page.getByRole('region', { name: '文章' }).focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.article-body mark.hl')).toHaveCount(1);

  await deleteAllHighlights(page);
  expect(errors).toEqual([]);
});

test('a highlight may start in a heading and span blocks; keyboard opens its toolbar', async ({
  page,
  appUrl,
}) => {
  const errors = collectErrors(page);
  await openSeedArticle(page, appUrl('/'));
  await deleteAllHighlights(page);
  const heading = await page.evaluate(() =>
    Number(document.querySelector<HTMLElement>('.article-body h2[data-block]')!.dataset.block),
  );
  const selected = await selectInBlocks(
    page,
    { block: heading, offset: 2 },
    { block: heading + 1, offset: 6 },
  );
  await page.getByRole('dialog', { name: '新建高亮' }).getByRole('button', { name: '紫色' }).click();
  // Choosing a colour makes the highlight and keeps the toolbar open on it.
  await expect(page.getByRole('dialog', { name: '编辑高亮' })).toBeVisible();
  const marks = Object.values(await markedTexts(page));
  expect(marks).toHaveLength(1);
  expect(marks[0]!.blocks).toEqual([heading, heading + 1]);
  expect(marks[0]!.text).toBe(selected.replace(/\n+/g, ''));
  await page.keyboard.press('Escape');

  // A selection that begins inside the highlight extends past it: a second, overlapping highlight.
  await selectInBlocks(page, { block: heading + 1, offset: 3 }, { block: heading + 1, offset: 12 });
  await page.getByRole('dialog', { name: '新建高亮' }).getByRole('button', { name: '黄色' }).click();
  await expect(page.getByRole('dialog', { name: '编辑高亮' })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(Object.keys(await markedTexts(page))).toHaveLength(2);
  await page.screenshot({ path: 'test-results/annotations-span.png' });

  // Tab to a highlight and press Enter: its toolbar opens with focus inside.
  const first = page.locator('.article-body mark.hl[role="button"]').first();
  await first.focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: '编辑高亮' });
  await expect(edit).toBeVisible();
  await expect(edit.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(first).toBeFocused();

  await deleteAllHighlights(page);
  expect(errors).toEqual([]);
});

/** The width of the element holding the article text, and where the panel is. */
async function columnAndPanel(page: Page): Promise<{ text: number; textRight: number; panelLeft: number }> {
  const text = (await page.locator('.article-body').boundingBox())!;
  const panel = (await page.getByRole('complementary', { name: /批注/ }).boundingBox())!;
  return { text: text.width, textRight: text.x + text.width, panelLeft: panel.x };
}

test('the panel leaves the text a comfortable measure; Escape closes it and focus returns to its toggle', async ({
  page,
  appUrl,
}) => {
  const errors = collectErrors(page);
  await openSeedArticle(page, appUrl('/'));
  await deleteAllHighlights(page);
  const colours = ['黄色', '绿色', '蓝色'];
  const sentences = (await paragraphSentences(page)).slice(0, colours.length);
  for (const [i, sentence] of sentences.entries()) {
    await selectInBlocks(
      page,
      { block: sentence.block, offset: 0 },
      { block: sentence.block, offset: sentence.text.length },
    );
    await page.getByRole('dialog', { name: '新建高亮' }).getByRole('button', { name: colours[i] }).click();
    await expect(page.getByRole('dialog', { name: '编辑高亮' })).toBeVisible();
    await page.keyboard.press('Escape');
  }
  const toggle = page.getByRole('toolbar', { name: '文章操作' }).getByRole('button', { name: /^批注 3/ });
  const panel = page.getByRole('complementary', { name: /批注/ });

  // 1280×800: the text keeps its width; the panel is a drawer over the reader's right edge.
  await toggle.click();
  await expect(panel).toBeVisible();
  const narrow = await columnAndPanel(page);
  console.log(`reading column at 1280×800 with the panel open: ${narrow.text.toFixed(0)} px`);
  expect(narrow.text).toBeGreaterThanOrEqual(540);
  // Focus moves into the drawer; Tab reaches its close button and its highlights.
  await expect(panel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: '关闭批注栏' })).toBeFocused();
  await page.keyboard.press('Tab');
  const items = panel.getByRole('list').first().getByRole('button');
  await expect(items.first()).toBeFocused();
  // Jumping from the drawer still works, and the drawer stays for the next one.
  await items.nth(2).click();
  const third = page.locator('.article-body mark.hl.hl-blue').first();
  await expect(third).toBeInViewport();
  await expect(panel).toBeVisible();
  // Light, sepia (set on the page only, so nothing is saved), dark.
  for (const scheme of ['light', 'sepia', 'dark'] as const) {
    if (scheme === 'sepia') await page.locator('html').evaluate((el) => (el.dataset.theme = 'sepia'));
    else await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.screenshot({ path: `test-results/reader-panel-1280-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectAccessible(page, 'reader-panel-drawer');
  // Escape closes it, and focus returns to the toggle without moving the text.
  const top = await page.getByRole('region', { name: '文章' }).evaluate((el) => el.scrollTop);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await page.getByRole('region', { name: '文章' }).evaluate((el) => el.scrollTop)).toBe(top);
  // So does its close button.
  await page.keyboard.press('Enter');
  await expect(panel).toBeFocused();
  await panel.getByRole('button', { name: '关闭批注栏' }).click();
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
  // Escape in the text closes the drawer first (before it would leave the reader); focus stays there.
  await toggle.click();
  await expect(panel).toBeFocused();
  const region = page.getByRole('region', { name: '文章' });
  await region.focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(region).toBeFocused();

  // 1600×900: there is room, so the panel sits beside the text, which keeps its full measure.
  await page.setViewportSize({ width: 1600, height: 900 });
  await toggle.click();
  await expect(panel).toBeVisible();
  const wide = await columnAndPanel(page);
  console.log(`reading column at 1600×900 with the panel open: ${wide.text.toFixed(0)} px`);
  expect(wide.text).toBeGreaterThanOrEqual(600);
  expect(wide.panelLeft).toBeGreaterThanOrEqual(wide.textRight);
  await items.nth(2).click();
  await expect(third).toBeInViewport();
  await page.screenshot({ path: 'test-results/reader-panel-1600-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/reader-panel-1600-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();

  await deleteAllHighlights(page);
  expect(errors).toEqual([]);
});

/** The reader saves its position about a second after a scroll: the answer to that save. */
function positionSaved(page: Page, wanted: (position: number) => boolean): Promise<unknown> {
  return page.waitForResponse((res) => {
    if (!res.url().endsWith('/api/call/library:setReading')) return false;
    const { position } = res.request().postDataJSON() as { position?: unknown };
    return typeof position === 'number' && wanted(position) && res.ok();
  });
}

test('the reading position is restored when the article is opened again', async ({ page, appUrl }) => {
  await openSeedArticle(page, appUrl('/'));
  const scroller = page.getByRole('region', { name: '文章', exact: true });
  const halfway = positionSaved(page, (p) => Math.abs(p - 0.5) < 0.01);
  await scroller.evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  await expect
    .poll(async () =>
      Number(await page.getByRole('progressbar', { name: '阅读进度' }).getAttribute('aria-valuenow')),
    )
    .toBe(50);
  await halfway;
  await page.reload();
  // From All articles: a search hit opens at its match instead (tests/e2e/lists.spec.ts).
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /全部文章/ })
    .click();
  await page
    .getByRole('listbox')
    .getByRole('option', { name: new RegExp(TITLE.slice(0, 12)) })
    .first()
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect
    .poll(async () =>
      Number(await page.getByRole('progressbar', { name: '阅读进度' }).getAttribute('aria-valuenow')),
    )
    .toBeGreaterThan(45);
  // Back to the top, so the tests below open the article there.
  const top = positionSaved(page, (p) => p === 0);
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect
    .poll(async () =>
      Number(await page.getByRole('progressbar', { name: '阅读进度' }).getAttribute('aria-valuenow')),
    )
    .toBe(0);
  await top;
});

for (const scheme of ['light', 'dark'] as const) {
  test(`highlights, toolbar, panel and Notes pass axe and are screenshotted (${scheme})`, async ({
    page,
    appUrl,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const errors = collectErrors(page);
    await openSeedArticle(page, appUrl('/'));
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await deleteAllHighlights(page);
    const sentence = await firstSentence(page);
    // One highlight of every colour, the last with a note, and the toolbar open on a new selection.
    const colours = ['黄色', '绿色', '蓝色', '粉色', '紫色'];
    for (const [i, colour] of colours.entries()) {
      await selectInBlocks(
        page,
        { block: sentence.block, offset: i * 4 },
        { block: sentence.block, offset: i * 4 + 3 },
      );
      await page.getByRole('dialog', { name: '新建高亮' }).getByRole('button', { name: colour }).click();
      await expect(page.getByRole('dialog', { name: '编辑高亮' })).toBeVisible();
      await page.keyboard.press('Escape');
    }
    await page.getByRole('toolbar', { name: '文章操作' }).getByRole('button', { name: /^批注/ }).click();
    await selectInBlocks(
      page,
      { block: sentence.block + 1, offset: 2 },
      { block: sentence.block + 1, offset: 20 },
    );
    await page.getByRole('dialog', { name: '新建高亮' }).getByRole('button', { name: '添加笔记' }).click();
    await expectAccessible(page, 'reader-highlights');
    await page.screenshot({ path: `test-results/annotations-reader-${scheme}.png` });
    await page.keyboard.press('Escape');

    await page.getByRole('navigation').getByRole('button', { name: /^笔记/ }).click();
    await expect(page.getByRole('listbox', { name: '笔记列表' }).getByRole('option')).toHaveCount(5);
    await expectAccessible(page, 'notes');
    await page.screenshot({ path: `test-results/annotations-notes-${scheme}.png` });

    await page.getByRole('listbox', { name: '笔记列表' }).getByRole('option').first().click();
    // The note opens its article (loaded again) at the highlight, flashed: only then is the text
    // settled, and a click on a mark lands on the mark that stays.
    await expect(page.locator('.article-body mark.hl.flash').first()).toBeInViewport();
    await deleteAllHighlights(page);
    expect(errors).toEqual([]);
  });
}
