/**
 * A call to the core whose failure a view shows as one line: the error is recorded (and cleared by
 * the next call that succeeds) instead of thrown, and the caller gets undefined.
 */
export async function guarded<T>(
  work: () => Promise<T>,
  setError: (message: string | null) => void,
): Promise<T | undefined> {
  try {
    const value = await work();
    setError(null);
    return value;
  } catch (err) {
    setError(err instanceof Error ? err.message : String(err));
    return undefined;
  }
}
