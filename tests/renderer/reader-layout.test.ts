/** The highlights panel sits beside the text only where the text keeps a comfortable measure. */
import { describe, expect, it } from 'vitest';
import { COMFORTABLE_MEASURE_EM, panelFitsBeside } from '../../src-renderer/src/lib/reader-layout';

describe('panelFitsBeside', () => {
  const panel = 255; // 17rem at 15px

  it('overlays at 1280 px (a 642 px column would drop to 387 px) and docks at 1600 px', () => {
    expect(panelFitsBeside(642, panel, 18)).toBe(false);
    expect(panelFitsBeside(962, panel, 18)).toBe(true);
  });

  it('follows the reading font: larger text needs more room', () => {
    const room = panel + COMFORTABLE_MEASURE_EM * 18;
    expect(panelFitsBeside(room, panel, 18)).toBe(true);
    expect(panelFitsBeside(room - 1, panel, 18)).toBe(false);
    expect(panelFitsBeside(room, panel, 22)).toBe(false);
  });
});
