/**
 * A doc's state byte: how readable (kindRank, the low bits) and whether it died (DEAD). One byte a
 * doc where a kind array and an alive array took two: at a million pages, 29 MB less read at open.
 * Snapshots persist the kind ranks and alive flags apart (the file format of version 10); opening
 * folds them into state bytes here (index-state.ts).
 */
import type { OpenBlobs } from './doc-arrays.js';

/** How readable a doc is, as the ranking orders it: 2 full, 1 brief, 0 headline only. */
export function kindRank(kind: string): number {
  return kind === 'full' ? 2 : kind === 'brief' ? 1 : 0;
}

export const DEAD = 4;
export const KIND_BITS = 3;
/** Docs whose alive flags are read at once (through one buffer, from the copy). */
export const STATE_STRETCH = 1 << 20;

/** The kind ranks and alive flags as persisted, a byte a doc each. */
export interface StateBlobs {
  rank: Buffer;
  alive: Buffer;
}

/** The state bytes from the persisted kind ranks and alive flags (written into `rank`'s memory). */
export function stateBytes(
  rank: Uint8Array,
  alive: (from: number, to: number) => Uint8Array,
  n: number,
): Uint8Array {
  const state = rank.subarray(0, n);
  for (let from = 0; from < n; from += STATE_STRETCH) {
    const to = Math.min(n, from + STATE_STRETCH);
    const flags = alive(from, to);
    for (let d = from; d < to; d++) if (flags[d - from] !== 1) state[d]! |= DEAD;
  }
  return state;
}

/** The open blobs from the persisted ones, whole in memory (the state made in `rank`'s memory). */
export function openBlobs(b: StateBlobs & { trank: Buffer }, n: number): OpenBlobs {
  return { state: stateBytes(b.rank, (from, to) => b.alive.subarray(from, to), n), trank: b.trank };
}
