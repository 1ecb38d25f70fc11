import {
  SignInThrottleStore,
  SignInThrottleValue,
} from './SignInThrottleStore';

interface Slot {
  value: SignInThrottleValue;
  expiresAt: number;
}

/**
 * A {@link SignInThrottleStore} in the memory of one process.
 *
 * Entries are kept in the order they were last written, and every write
 * first drops the expired entries at the front. An entry written more than
 * the longest TTL ago has expired, so what is left was written within that
 * time: the size is bounded by how many writes the throttle allows in one
 * window, and nothing still counting is ever dropped to make room.
 *
 * @public
 */
export class MemorySignInThrottleStore implements SignInThrottleStore {
  readonly #entries = new Map<string, Slot>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** How many entries are held, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<SignInThrottleValue | undefined> {
    const slot = this.#entries.get(key);
    if (!slot) {
      return undefined;
    }
    if (slot.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return slot.value;
  }

  async set(
    key: string,
    value: SignInThrottleValue,
    ttlMs: number,
  ): Promise<void> {
    this.#sweep();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  #sweep() {
    const now = this.#now();
    for (const [key, slot] of this.#entries) {
      if (slot.expiresAt > now) {
        break;
      }
      this.#entries.delete(key);
    }
  }
}
