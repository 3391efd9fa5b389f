/** The axe check the view specs share: no serious or critical violation on the page as it is. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectAccessible(page: Page, view: string): Promise<void> {
  // Checked once the page has settled: a fade or a highlight's flash still running would be judged
  // on its in-between colours (seen once in CI, under load, on a note opened in the reader), and so
  // would an article or result list dimmed while it loads (`aria-busy`: seen on the Notes view,
  // whose reader was still loading the note's article when axe ran).
  await page.waitForFunction(
    () =>
      !document.querySelector('article[aria-busy="true"], .list-scroll[aria-busy="true"]') &&
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${view}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(bad).toEqual([]);
}
