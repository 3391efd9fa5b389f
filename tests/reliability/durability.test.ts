/**
 * Durability under SIGKILL: the serve shell (a real child process) takes 500 writes (annotations,
 * notes, bookmarks), acknowledging each only once it is on disk, and is killed with SIGKILL at 20
 * random moments, some of them mid-request. After every restart the library opens and every
 * acknowledged write is there. The figures go to test-results/reliability/durability.json.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/tmp.js';
import { rng } from '../../bench/corpus.js';

const WRITES = 500;
const KILLS = 20;
const SEED = 20260913;

interface Expected {
  /** annotation id -> acceptable notes (the last acknowledged one, or one written while the kill came). */
  annotations: Map<string, Set<string>>;
  /** article id -> acceptable bookmark notes. */
  bookmarks: Map<string, Set<string>>;
}

describe('durability', () => {
  it(`loses none of ${WRITES} acknowledged writes across ${KILLS} SIGKILLs`, async () => {
    const random = rng(SEED);
    const dir = await tempDir('yuelan-durability-');
    let server: ServeProcess = await startServe(dir);
    const list = await server.call<{ articles: { id: string; kind: string }[] }>('archive:list', {
      limit: 100,
    });
    const articles = list.json.value.articles.map((a) => a.id);
    const full = list.json.value.articles.find((a) => a.kind === 'full')!.id;

    const killAt = new Set<number>();
    while (killAt.size < KILLS) killAt.add(1 + Math.floor(random() * (WRITES - 1)));
    const expected: Expected = { annotations: new Map(), bookmarks: new Map() };
    const annotationIds: string[] = [];
    let acked = 0;
    let kills = 0;
    let lost = 0;
    const missing: string[] = [];

    const verify = async (): Promise<void> => {
      const anns = (await server.call('library:annotations', {})).json.value as {
        id: string;
        note?: string;
      }[];
      const byId = new Map(anns.map((a) => [a.id, a.note ?? '']));
      for (const [id, ok] of expected.annotations) {
        if (!ok.has(byId.get(id) ?? '<missing>')) {
          lost++;
          missing.push(`annotation ${id}: ${byId.get(id)} not in ${[...ok].join('|')}`);
        }
      }
      const bms = (await server.call('library:bookmarks', {})).json.value as {
        articleId: string;
        note?: string;
      }[];
      const notes = new Map(bms.map((b) => [b.articleId, b.note ?? '']));
      for (const [id, ok] of expected.bookmarks) {
        if (!ok.has(notes.get(id) ?? '<missing>')) {
          lost++;
          missing.push(`bookmark ${id}: ${notes.get(id)} not in ${[...ok].join('|')}`);
        }
      }
    };

    for (let i = 0; i < WRITES; i++) {
      const note = `w${i}`;
      const kind = annotationIds.length === 0 ? 0 : i % 3;
      let request: Promise<{ status: number; json: { ok: boolean; value: { id?: string } } }>;
      let record: () => void;
      let inFlight: () => void;
      if (kind === 0) {
        const block = i % 5;
        request = server.call<{ id: string }>('library:addAnnotation', {
          articleId: full,
          position: { startBlock: block, startOffset: 0, endBlock: block, endOffset: 4 },
          color: 'yellow',
          note,
        });
        inFlight = () => undefined; // an unacknowledged new annotation may or may not exist
        record = () => undefined;
      } else if (kind === 1) {
        const id = annotationIds[Math.floor(random() * annotationIds.length)]!;
        request = server.call<{ id: string }>('library:updateAnnotation', { id, note });
        const ok = expected.annotations.get(id)!;
        inFlight = () => ok.add(note);
        record = () => expected.annotations.set(id, new Set([note]));
      } else {
        const articleId = articles[i % articles.length]!;
        request = server.call<{ id?: string }>('library:setBookmark', { articleId, bookmarked: true, note });
        inFlight = () => {
          const ok = expected.bookmarks.get(articleId) ?? new Set(['<missing>']);
          ok.add(note);
          expected.bookmarks.set(articleId, ok);
        };
        record = () => expected.bookmarks.set(articleId, new Set([note]));
      }

      if (killAt.has(i)) {
        // Kill at a random moment: before, during or just after this write reaches the disk.
        inFlight();
        const settled = request.catch(() => undefined);
        await new Promise((r) => setTimeout(r, Math.floor(random() * 8)));
        await server.kill('SIGKILL');
        kills++;
        await settled;
        server = await startServe(dir);
        await verify();
        continue;
      }
      const res = await request;
      expect(res.json.ok, JSON.stringify(res.json)).toBe(true);
      acked++;
      if (kind === 0) {
        const id = res.json.value.id!;
        annotationIds.push(id);
        expected.annotations.set(id, new Set([note]));
      }
      record();
    }
    await verify();
    await server.kill();

    const figures = { writes: WRITES, acknowledged: acked, kills, lost, seed: SEED };
    await mkdir(join(process.cwd(), 'test-results', 'reliability'), { recursive: true });
    await writeFile(
      join(process.cwd(), 'test-results', 'reliability', 'durability.json'),
      JSON.stringify(figures, null, 2),
    );
    console.log(`durability: ${WRITES} writes, ${acked} acknowledged, ${kills} kills, ${lost} lost`);
    expect(missing).toEqual([]);
    expect(kills).toBe(KILLS);
    expect(lost).toBe(0);
  }, 300_000);
});
