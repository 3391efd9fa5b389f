/**
 * Where an e2e screenshot goes: $YUELAN_SCREENSHOT_DIR when set (`npm run screenshots` sets it to
 * docs/screenshots, the README's pictures), else test-results/screenshots, for a person to look at.
 */
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';

export const SHOTS = process.env.YUELAN_SCREENSHOT_DIR ?? 'test-results/screenshots';

export async function shoot(target: Page | Locator, name: string): Promise<void> {
  await target.screenshot({ path: join(SHOTS, `${name}.png`) });
}
