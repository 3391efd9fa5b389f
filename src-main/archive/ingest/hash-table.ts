/**
 * A table of 2^16 integers by 16-bit hash that is emptied in constant time: an entry written before
 * the latest `clear()` reads as absent. The title cues use one per page to filter a body's windows
 * and pairs by hash, which a fresh table (zeroed, and garbage after) made dearer than the lookups.
 */
export class HashTable16 {
  private readonly stamps = new Uint32Array(0x10000);
  private readonly values = new Int32Array(0x10000);
  private stamp = 0;

  /** Forget every entry; call before each use. */
  clear(): void {
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** The value at hash `h` (0 to 0xffff), or -1. */
  get(h: number): number {
    return this.stamps[h] === this.stamp ? this.values[h]! : -1;
  }

  set(h: number, value: number): void {
    this.stamps[h] = this.stamp;
    this.values[h] = value;
  }
}
