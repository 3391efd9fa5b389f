/**
 * One thing at a time: tasks run in the order they were queued, each after every earlier one has
 * settled (a failed task does not stop the next). The stores' writes, the importer's runs on one
 * catalog, the search index's refreshes and the folder watcher's imports all queue through one.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Queue `task`; resolves or rejects with its outcome once it has run. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.#pending++;
    const go = (): Promise<T> | T => task();
    const result = this.#tail.then(go, go).finally(() => this.#pending--);
    this.#tail = result.catch(() => undefined);
    return result as Promise<T>;
  }

  /** Resolves once every task queued so far has settled. */
  async idle(): Promise<void> {
    await this.#tail;
  }

  /** Whether a task is queued or running. */
  get busy(): boolean {
    return this.#pending > 0;
  }
}
