/** SerialQueue: tasks run one at a time, in order; a failure is its caller's and does not stop the next. */
import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../src-main/archive/store/serial-queue.js';

describe('SerialQueue', () => {
  it('runs tasks one at a time, in the order queued', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([
      queue.run(task('a', 30)),
      queue.run(task('b', 1)),
      queue.run(task('c', 10)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('passes a failure to its caller and runs the next task', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('no')));
    const next = queue.run(() => 'yes');
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe('yes');
  });

  it('tells when it is idle', async () => {
    const queue = new SerialQueue();
    let done = false;
    void queue.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done = true;
    });
    expect(queue.busy).toBe(true);
    await queue.idle();
    expect(done).toBe(true);
    expect(queue.busy).toBe(false);
  });
});
