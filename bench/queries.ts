/**
 * The bench's fixed query set: every kind of query issue 4 names. Recall is measured on the exact ones
 * against exact-substring truth (folded, spaces and punctuation ignored, within one field or block).
 */
export type QueryKind = 'exact' | 'typo' | 'traditional' | 'pinyin' | 'multi' | 'nohit';

export interface BenchQuery {
  q: string;
  kind: QueryKind;
}

export const QUERIES: BenchQuery[] = [
  { q: '党建', kind: 'exact' },
  { q: '近邻党建', kind: 'exact' },
  { q: '城市基层党建', kind: 'exact' },
  { q: '主心骨', kind: 'exact' },
  { q: '邻里警察', kind: 'exact' },
  { q: '小区党支部', kind: 'exact' },
  { q: '党群服务中心', kind: 'exact' },
  { q: '月饼', kind: 'exact' },
  { q: '交通安全', kind: 'exact' },
  { q: '街道吹哨', kind: 'exact' },
  { q: '近邻党律主心骨', kind: 'typo' },
  { q: '街道管理体质改革', kind: 'typo' },
  { q: '黨建', kind: 'traditional' },
  { q: '街道管理體制改革', kind: 'traditional' },
  { q: 'dangjian', kind: 'pinyin' },
  { q: 'jldj', kind: 'pinyin' },
  { q: '主心骨 近邻党建', kind: 'multi' },
  { q: '厦门 赋权', kind: 'multi' },
  { q: '量子计算机芯片', kind: 'nohit' },
  { q: '火星探测器发射', kind: 'nohit' },
];

/** The few queries plain fuse.js is timed on at large sizes (it takes seconds per query). */
export const FUSE_SAMPLE = ['近邻党建', '月饼', '近邻党律主心骨', '主心骨 近邻党建'];

/** The query a cold start answers (a fresh process: open the data folder, answer it, exit). */
export const FIRST_QUERY = '近邻党建';
