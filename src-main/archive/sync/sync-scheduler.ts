/**
 * Background sync for the app: a run shortly after start, one a few seconds after each change (the
 * changes of a burst share one run), and one every few minutes. Runs never overlap (a change during a
 * run asks for one more after it), never throw (a failure is the run's result, kept for the Sync
 * section), and never keep the process alive.
 */

export interface SchedulerTimes {
  /** After the app starts. */
  startMs: number;
  /** After the last of a burst of changes. */
  debounceMs: number;
  /** Between two runs when nothing changes (to receive the other devices' changes). */
  everyMs: number;
}

export const DEFAULT_TIMES: SchedulerTimes = { startMs: 3_000, debounceMs: 5_000, everyMs: 5 * 60_000 };

export class SyncScheduler {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly times: SchedulerTimes = DEFAULT_TIMES,
  ) {}

  start(): void {
    this.#schedule(this.times.startMs);
    this.#interval = setInterval(() => void this.#kick(), this.times.everyMs);
    this.#interval.unref?.();
  }

  /** The library changed: sync after the debounce (again after a run in progress). */
  changed(): void {
    if (this.#running) this.#again = true;
    this.#schedule(this.times.debounceMs);
  }

  /** Run now (the Sync section's "Sync now" goes through the channel instead; this is for shutdown). */
  async flush(): Promise<void> {
    await this.#running;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#interval);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#kick(), ms);
    this.#timer.unref?.();
  }

  async #kick(): Promise<void> {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.task().then(
      () => undefined,
      () => undefined,
    );
    await this.#running;
    this.#running = undefined;
    if (this.#again) {
      this.#again = false;
      this.#schedule(this.times.debounceMs);
    }
  }
}
