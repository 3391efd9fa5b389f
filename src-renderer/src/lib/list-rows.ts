/**
 * The row model of a grouped list (Listbox): items under day headers, flattened into rows for the
 * virtualizer, and the chunks of rendered rows per group. Plain functions, apart from the component,
 * so they can be read (and tested) without a DOM.
 */

export interface GroupInfo {
  key: string;
  /** First option index of the group, and how many options it has. */
  start: number;
  count: number;
  /** The row index of its header. */
  headerRow: number;
}

/**
 * Row r shows option rows[r] when rows[r] >= 0, else the header of group -rows[r] - 1. Options map
 * back to their row through rowOf.
 */
export interface RowModel {
  groups: GroupInfo[];
  rowOf: Int32Array;
  rows: Int32Array;
}

export function buildRows<T>(items: readonly T[], group?: (item: T) => string): RowModel {
  const n = items.length;
  const groups: GroupInfo[] = [];
  const rowOf = new Int32Array(n);
  const rowsList: number[] = [];
  for (let i = 0; i < n; i++) {
    if (group) {
      const k = group(items[i]!);
      const last = groups.at(-1);
      if (last && last.key === k) last.count++;
      else {
        groups.push({ key: k, start: i, count: 1, headerRow: rowsList.length });
        rowsList.push(-groups.length);
      }
    }
    rowOf[i] = rowsList.length;
    rowsList.push(i);
  }
  return { groups, rowOf, rows: Int32Array.from(rowsList) };
}

/**
 * The row model of a list loaded in pages, whose groups are known ahead of its items (All articles:
 * the day counts): `count` options in the groups given, in order, each at least one option long.
 * Options past the groups' sum form one more group keyed `tail` (undated articles at the end).
 */
export function rowsOfGroups(
  groupCounts: readonly { key: string; count: number }[],
  count: number,
  tail = '',
): RowModel {
  const groups: GroupInfo[] = [];
  let start = 0;
  for (const g of groupCounts) {
    const n = Math.min(g.count, count - start);
    if (n <= 0) break;
    groups.push({ key: g.key, start, count: n, headerRow: start + groups.length });
    start += n;
  }
  if (start < count)
    groups.push({ key: tail, start, count: count - start, headerRow: start + groups.length });
  const rows = new Int32Array(count + groups.length);
  const rowOf = new Int32Array(count);
  for (let g = 0; g < groups.length; g++) {
    const info = groups[g]!;
    rows[info.headerRow] = -(g + 1);
    for (let i = 0; i < info.count; i++) {
      rowOf[info.start + i] = info.headerRow + 1 + i;
      rows[info.headerRow + 1 + i] = info.start + i;
    }
  }
  return { groups, rowOf, rows };
}

/** The group an option is in: the last group starting at or before it (binary search). */
export function groupIndexOf(model: RowModel, option: number): number {
  const { groups } = model;
  let lo = 0;
  let hi = groups.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (groups[mid]!.start <= option) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Chunk {
  /** The group's index, or -1 in an ungrouped list. */
  group: number;
  label: string;
  /** Whether the group's header row is inside this chunk. */
  hasHeader: boolean;
  rows: number[];
  /** The selected option kept in the DOM outside the window: visually hidden, not measured. */
  detached: boolean;
}

/**
 * The rows from `start` to `end` (exclusive) cut into runs of one group each, with the selected row
 * added, detached, before or after them when it lies outside.
 */
export function chunksOf(
  model: RowModel,
  { start, end }: { start: number; end: number },
  selectedRow: number,
  grouped: boolean,
  label: (group: GroupInfo) => string,
): Chunk[] {
  const { rows, groups } = model;
  const out: Chunk[] = [];
  const push = (r: number, detached = false): void => {
    const v = rows[r]!;
    const g = grouped ? (v < 0 ? -v - 1 : groupIndexOf(model, v)) : -1;
    const last = out.at(-1);
    if (last && last.group === g && last.detached === detached) last.rows.push(r);
    else {
      const info = groups[g];
      out.push({ group: g, label: info ? label(info) : '', hasHeader: v < 0, rows: [r], detached });
    }
  };
  if (selectedRow >= 0 && selectedRow < start) push(selectedRow, true);
  for (let r = start; r < end; r++) push(r);
  if (selectedRow >= end) push(selectedRow, true);
  return out;
}
