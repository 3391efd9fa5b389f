/**
 * The moving window of a long list: rows shown near its edge move it by half its size and the row
 * at the top of the view is scrolled back to; a jump lays out the window around its row, and the rows
 * passed on the way there are neither fetched nor allowed to move the window.
 */
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { MovingWindow } from '../../src-renderer/src/lib/moving-window.svelte';

const part = { start: 1000, count: 10_000 };

describe('MovingWindow', () => {
  it('moves on near its end and back near its start, keeping the top row', async () => {
    const w = new MovingWindow(1000, 50);
    expect(w.of(part)).toEqual({ start: 1000, count: 1000 });
    const keep = vi.fn();
    // The start of the list is where the view is sent first.
    expect(w.shown(part, 1000, 1020, keep)).toBe(true);
    w.top = 1960;
    expect(w.shown(part, 1955, 1975, keep)).toBe(true);
    expect(w.of(part)).toEqual({ start: 1500, count: 1000 });
    await tick();
    expect(keep).toHaveBeenCalledWith(1960);
    // On the way back to that row, rows elsewhere are not fetched.
    expect(w.shown(part, 1500, 1520, keep)).toBe(false);
    expect(w.shown(part, 1950, 1970, keep)).toBe(true);
    w.top = 1510;
    w.shown(part, 1505, 1525, keep);
    expect(w.of(part)).toEqual({ start: 1000, count: 1000 });
  });

  it('jumps to a row anywhere, and never leaves the part shown', () => {
    const w = new MovingWindow(1000, 50);
    w.jumpTo(part, 10_999);
    expect(w.of(part)).toEqual({ start: 10_000, count: 1000 });
    expect(w.shown(part, 10_000, 10_020, () => {})).toBe(false);
    expect(w.shown(part, 10_980, 11_000, () => {})).toBe(true);
    w.jumpTo(part, 5000);
    expect(w.of(part)).toEqual({ start: 4500, count: 1000 });
    w.reset(part.start);
    expect(w.of(part)).toEqual({ start: 1000, count: 1000 });
  });
});
