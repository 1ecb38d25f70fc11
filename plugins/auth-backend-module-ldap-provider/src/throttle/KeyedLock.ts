/**
 * Runs the functions given for one key one after another, in the order they
 * were given, so that a read-change-write of the same key in two requests of
 * this process cannot interleave. Holds nothing for keys that are idle.
 *
 * @internal
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    // A tail never rejects, so the next function runs whatever this one did.
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn);
    const tail = result.catch(() => {});
    this.#tails.set(key, tail);
    tail.then(() => {
      if (this.#tails.get(key) === tail) {
        this.#tails.delete(key);
      }
    });
    return result;
  }
}
