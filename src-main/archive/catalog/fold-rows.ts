/**
 * A fold's list rows: a headline-only entry is a row of a list only when it is the first of its
 * title (its fold) in that list's order (search/headline-folds.ts's rule). Worked out again for every
 * fold a batch touched, and for every fold of several entries at the end of a bulk import.
 */
import type { Statements } from './catalog-statements.js';

interface Member {
  rid: number;
  published: string | null;
  title: string;
  row_newest: number;
  row_oldest: number;
}

/** Only the entries whose flags change are written (most folds have one entry, already a row). */
export function refoldRows(q: Statements, fold: string): void {
  const members = q.foldMembers.all(fold) as Member[];
  if (!members.length) return;
  // The lists' order (catalog-lists.ts): published (a missing time first), then title, then rid,
  // compared as SQLite compares them (binary; a missing time is smallest). Newest first is that order
  // backwards: its row is the last member in it, the oldest-first list's the first.
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const order = (a: Member, b: Member): number =>
    cmp(a.published ?? '', b.published ?? '') || cmp(a.title, b.title) || a.rid - b.rid;
  let newest = members[0]!;
  let oldest = members[0]!;
  for (const m of members.slice(1)) {
    if (order(m, newest) > 0) newest = m;
    if (order(m, oldest) < 0) oldest = m;
  }
  for (const m of members) {
    const rn = m === newest ? 1 : 0;
    const ro = m === oldest ? 1 : 0;
    if (rn !== m.row_newest || ro !== m.row_oldest) q.setRows.run(rn, ro, m.rid);
  }
}
