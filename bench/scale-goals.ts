/**
 * Issue #15's goals for this 2-core machine, checked against a scale row (printed, never asserted:
 * the figures move with the machine's load). A size between two goal sizes is held to the smaller's.
 */
import type { ScaleRow } from './results.js';

interface Goal {
  figure: string;
  /** The figure must be at most (`max`) or at least (`min`) this. */
  max?: number;
  min?: number;
  unit: string;
}

const GOALS: [number, Goal[]][] = [
  [
    100_000,
    [
      { figure: 'coldStartSeconds', max: 1.0, unit: 's' },
      { figure: 'servePeakRssMB', max: 400, unit: 'MB' },
      { figure: 'p95ms', max: 50, unit: 'ms' },
    ],
  ],
  [
    1_000_000,
    [
      { figure: 'coldStartSeconds', max: 2.0, unit: 's' },
      { figure: 'servePeakRssMB', max: 1000, unit: 'MB' },
      { figure: 'p95ms', max: 100, unit: 'ms' },
      { figure: 'importMBps', min: 12, unit: 'MB/s' },
      { figure: 'importPeakRssMB', max: 2000, unit: 'MB' },
    ],
  ],
];

/** One line per goal: the figure, the goal, met or not. */
export function checkGoals(row: ScaleRow): string[] {
  const entry = [...GOALS].reverse().find(([size]) => row.pages >= size);
  if (!entry) return [];
  return entry[1].map((g) => {
    const value = row[g.figure];
    if (typeof value !== 'number') return `goal ${g.figure}: no figure`;
    const met = g.max !== undefined ? value <= g.max : value >= g.min!;
    const bound = g.max !== undefined ? `≤ ${g.max}` : `≥ ${g.min}`;
    return `goal (${entry[0].toLocaleString('en')} pages) ${g.figure} ${value} ${g.unit} ${bound}: ${met ? 'met' : 'NOT met'}`;
  });
}
