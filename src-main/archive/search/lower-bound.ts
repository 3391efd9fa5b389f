/** The first position of ascending `values` holding `v` or more (`values.length` if none does). */
export function lowerBound(values: ArrayLike<number>, v: number): number {
  let a = 0;
  let b = values.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (values[m]! < v) a = m + 1;
    else b = m;
  }
  return a;
}
