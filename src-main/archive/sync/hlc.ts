/**
 * A hybrid logical clock: the wall time in milliseconds, a counter for changes within one millisecond
 * (or while the wall clock lags a clock already seen) and the device id. Printed as a fixed-width string
 * (`000001733050000000-0000-3f2a9c1b7d4e`) so clocks compare as strings, and no two devices' clocks are
 * ever equal. Every change to a synced item carries one; the later clock wins a field.
 */

export type Clock = string;

const WALL_DIGITS = 18;
const COUNTER_DIGITS = 4;

export interface ClockParts {
  wall: number;
  counter: number;
  device: string;
}

export function formatClock({ wall, counter, device }: ClockParts): Clock {
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${device}`;
}

const CLOCK = /^(\d{18})-([0-9a-f]{4,})-([0-9a-z]{1,64})$/;

export function parseClock(clock: Clock): ClockParts {
  const m = CLOCK.exec(clock);
  if (!m) throw new Error(`not a sync clock: ${clock.slice(0, 80)}`);
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 16), device: m[3]! };
}

export function isClock(value: unknown): value is Clock {
  return typeof value === 'string' && CLOCK.test(value);
}

export function maxClock(a: Clock | undefined, b: Clock | undefined): Clock | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/** One device's clock: `now()` for a local change, `receive()` for every clock seen from elsewhere. */
export class HybridClock {
  #wall = 0;
  #counter = 0;

  constructor(
    readonly device: string,
    last?: Clock,
    private readonly time: () => number = Date.now,
  ) {
    if (last) this.receive(last);
  }

  now(): Clock {
    const pt = this.time();
    if (pt > this.#wall) {
      this.#wall = pt;
      this.#counter = 0;
    } else if (this.#counter >= 0xffff) {
      // Four hex digits keep clocks comparable as strings: past them, borrow the next millisecond.
      this.#wall++;
      this.#counter = 0;
    } else this.#counter++;
    return this.#current();
  }

  /** Move past a clock seen from another device, so this device's next change sorts after it. */
  receive(clock: Clock): void {
    const { wall, counter } = parseClock(clock);
    if (wall > this.#wall || (wall === this.#wall && counter > this.#counter)) {
      this.#wall = wall;
      this.#counter = counter;
    }
  }

  /** The last clock given or seen (kept in the sync state between runs). */
  get last(): Clock {
    return this.#current();
  }

  #current(): Clock {
    return formatClock({ wall: this.#wall, counter: this.#counter, device: this.device });
  }
}
