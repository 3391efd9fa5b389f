/**
 * A search index build killed halfway (SIGKILL, in a process of its own) goes on from its last
 * committed chunk when the index is opened again, without starting over, and ends with exactly what a
 * clean build gives.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src-main/archive/search/search-index.js';
import { updateIndex } from '../../src-main/archive/search/index-build.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import type { IndexProgress } from '../../src-main/archive/model.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { resultsOf } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

const N = 1200;

interface Child {
  /** Resolves when the child has written `line`; lines so far in `lines`. */
  until(line: RegExp): Promise<void>;
  lines: string[];
  kill(): Promise<void>;
}

function buildInChild(dir: string, stuckAt: number): Child {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(process.cwd(), 'tests/search/index-build-child.ts'),
      dir,
      String(N),
      String(stuckAt),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  const waiting: { line: RegExp; resolve: () => void }[] = [];
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      for (const w of waiting.filter((x) => x.line.test(l))) w.resolve();
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    lines,
    until: (line) =>
      new Promise<void>((resolve, reject) => {
        if (lines.some((l) => line.test(l))) return resolve();
        waiting.push({ line, resolve });
        void exited.then(() => reject(new Error(`child exited before ${line}: ${lines.join(' | ')}`)));
      }),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const lastCommit = (lines: string[]): number =>
  Math.max(0, ...lines.filter((l) => l.startsWith('commit ')).map((l) => Number(l.slice(7))));

async function cleanBuild(): Promise<string> {
  const dir = await tempDir();
  const index = await SearchIndex.open(join(dir, 'search'));
  await updateIndex(index, MemoryFeed.of(N), { chunkDocs: 40 });
  index.close();
  return dir;
}

describe('a search index build killed halfway', () => {
  it('resumes from its last committed chunk and ends as a clean build does', async () => {
    const dir = await tempDir();
    // Stuck on article 700's body: chunks before it are committed, the one holding it is not.
    const child = buildInChild(dir, 700);
    await child.until(/^stuck$/);
    await child.kill();
    const committed = lastCommit(child.lines);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(700);

    const index = await SearchIndex.open(join(dir, 'search'));
    expect(index.seq).toBe(committed);
    expect(index.size).toBe(committed);
    const seen: IndexProgress[] = [];
    const feed = MemoryFeed.of(N);
    await updateIndex(index, feed, { chunkDocs: 40, onProgress: (p) => seen.push(p) });
    // Only what was not committed is read again.
    expect(seen[0]).toEqual({ done: 0, total: N - committed });
    expect(seen.at(-1)).toEqual({ done: N - committed, total: N - committed });
    expect(index.size).toBe(N);
    index.close();

    const clean = await cleanBuild();
    const resumed = await resultsOf(await SearchService.open(feed, dir));
    expect(resumed).toEqual(await resultsOf(await SearchService.open(MemoryFeed.of(N), clean)));
  }, 120_000);

  it('ends as a clean build does wherever the kill lands (mid-commit included)', async () => {
    const dir = await tempDir();
    const child = buildInChild(dir, 0);
    await child.until(/^commit /);
    await child.kill();
    const seen: IndexProgress[] = [];
    const service = await SearchService.open(MemoryFeed.of(N), dir, { onProgress: (p) => seen.push(p) });
    expect(service.size).toBe(N);
    if (seen.length) expect(seen[0]!.total).toBeLessThan(N);
    const clean = await cleanBuild();
    expect(await resultsOf(service)).toEqual(
      await resultsOf(await SearchService.open(MemoryFeed.of(N), clean)),
    );
  }, 120_000);
});
