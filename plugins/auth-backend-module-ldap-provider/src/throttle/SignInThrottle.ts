import { TooManySignInAttemptsError } from '../errors';
import { KeyedLock } from './KeyedLock';
import {
  SignInThrottleStore,
  SignInThrottleValue,
} from './SignInThrottleStore';
import { foldDn, foldUsername } from '../folding';
import { clientAddressKey, hashKey } from './throttleKeys';

/** @public */
export interface SignInThrottleOptions {
  store: SignInThrottleStore;
  /**
   * Put before every key, so that several directories can share one store;
   * the provider uses the auth environment.
   */
  namespace?: string;
  /** Failures per account within the window after which it is refused; default 3. */
  maxFailures?: number;
  /** Default 300. */
  windowSeconds?: number;
  /** Failures per client address within the window; default 30. */
  maxFailuresPerClient?: number;
  /** Failures of everyone together within the window; default 10000. */
  maxFailuresOverall?: number;
  now?: () => number;
}

/**
 * One sign-in attempt that the throttle let through. Until it ends it counts
 * as a failure everywhere, so that guesses sent at the same time cannot all
 * pass before the first one fails.
 *
 * @public
 */
export interface SignInAttempt {
  /**
   * After the directory lookup: counts the attempt against the entry found
   * too, whatever spelling of the name led to it. Throws
   * {@link TooManySignInAttemptsError} when that entry is locked; the
   * attempt then no longer counts anywhere.
   */
  identify(dn: string | undefined): Promise<void>;
  /** Signed in: forgets the failures of the name and the entry. */
  succeed(): Promise<void>;
  /** Refused: the attempt stays counted. */
  fail(): Promise<void>;
  /** The directory could not answer: the attempt does not count. */
  abandon(): Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
}

function isBucket(value: unknown): value is Bucket {
  const bucket = value as Bucket | undefined;
  return (
    typeof bucket?.tokens === 'number' &&
    typeof bucket.at === 'number' &&
    Number.isFinite(bucket.tokens) &&
    Number.isFinite(bucket.at)
  );
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer`);
  }
  return value;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Slows down password guessing without letting anyone fill memory or make
 * the throttle forget:
 *
 * - per account, a sliding window of `maxFailures` failures: keyed on the
 *   typed name folded like the directory compares it before the lookup, and
 *   on the DN of the entry found after it;
 * - per client address (IPv6 by /64) and for everyone together, token
 *   buckets of `maxFailuresPerClient` and `maxFailuresOverall` failures that
 *   refill over the window.
 *
 * A refused attempt writes nothing. Every attempt let through takes a token
 * of the overall bucket, so the number of keys written within one window is
 * bounded by the overall limit; counts are never evicted to make room.
 * Keys are hashes of bounded length, whatever the username.
 *
 * @public
 */
export class SignInThrottle {
  readonly #store: SignInThrottleStore;
  readonly #lock = new KeyedLock();
  readonly #prefix: string;
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #perClient: number;
  readonly #overall: number;
  readonly #now: () => number;

  constructor(options: SignInThrottleOptions) {
    this.#store = options.store;
    this.#prefix = options.namespace ? `${options.namespace}:` : '';
    this.#maxFailures = positiveInteger(
      options.maxFailures ?? 3,
      'maxFailures',
    );
    this.#perClient = positiveInteger(
      options.maxFailuresPerClient ?? 30,
      'maxFailuresPerClient',
    );
    this.#overall = positiveInteger(
      options.maxFailuresOverall ?? 10_000,
      'maxFailuresOverall',
    );
    this.#windowMs = (options.windowSeconds ?? 300) * 1000;
    if (!(this.#windowMs > 0)) {
      throw new Error('windowSeconds must be positive');
    }
    this.#now = options.now ?? Date.now;
  }

  /**
   * Lets an attempt for the username from the client address through, or
   * throws {@link TooManySignInAttemptsError}.
   */
  async begin(
    username: string,
    clientAddress?: string,
  ): Promise<SignInAttempt> {
    const nameKey = this.#key('name', foldUsername(username));
    const clientKey = this.#key('client', clientAddressKey(clientAddress));
    const overallKey = `${this.#prefix}overall`;
    const startedAt = this.#now();

    // Reading first lets refused attempts, a flood among them, write nothing.
    const refusals = await Promise.all([
      this.#peekBucket(clientKey, this.#perClient, startedAt),
      this.#peekLog(nameKey, startedAt),
      this.#peekBucket(overallKey, this.#overall, startedAt),
    ]);
    // Until the longest of the waits has passed, some limit still refuses.
    const wait = Math.max(0, ...refusals.map(r => r ?? 0));
    if (wait > 0) {
      throw new TooManySignInAttemptsError(wait);
    }

    const undo: Array<() => Promise<void>> = [];
    const undoAll = () => Promise.all(undo.splice(0).map(fn => fn()));
    const take = async (
      step: () => Promise<number | undefined>,
      undoStep: () => Promise<void>,
    ) => {
      let retryAfter: number | undefined;
      try {
        retryAfter = await step();
      } catch (error) {
        // A store that fails halfway must not keep what was taken before.
        await undoAll().catch(() => {});
        throw error;
      }
      if (retryAfter !== undefined) {
        await undoAll();
        throw new TooManySignInAttemptsError(retryAfter);
      }
      undo.push(undoStep);
    };

    await take(
      () => this.#takeBucket(clientKey, this.#perClient),
      () => this.#giveBack(clientKey, this.#perClient),
    );
    await take(
      () => this.#takeLog(nameKey, startedAt),
      () => this.#removeFromLog(nameKey, startedAt),
    );
    await take(
      () => this.#takeBucket(overallKey, this.#overall),
      () => this.#giveBack(overallKey, this.#overall),
    );

    let dnKey: string | undefined;
    let ended = false;
    const end = () => {
      const first = !ended;
      ended = true;
      return first;
    };

    return {
      identify: async dn => {
        if (ended) {
          return;
        }
        if (dn === undefined) {
          // The same store work as for a known entry, so that the answer
          // takes as long for a name the directory does not know.
          await this.#touchLog(nameKey);
          return;
        }
        const key = this.#key('dn', foldDn(dn));
        const identifiedAt = this.#now();
        await take(
          () => this.#takeLog(key, identifiedAt),
          () => this.#removeFromLog(key, identifiedAt),
        ).catch(error => {
          ended = true;
          throw error;
        });
        dnKey = key;
      },
      succeed: async () => {
        if (!end()) {
          return;
        }
        await Promise.all([
          this.#deleteLog(nameKey),
          dnKey ? this.#deleteLog(dnKey) : undefined,
          this.#giveBack(clientKey, this.#perClient),
          this.#giveBack(overallKey, this.#overall),
        ]);
      },
      fail: async () => {
        end();
      },
      abandon: async () => {
        if (end()) {
          await undoAll();
        }
      },
    };
  }

  #key(kind: string, value: string): string {
    return `${this.#prefix}${hashKey(kind, value)}`;
  }

  #update<T>(
    key: string,
    fn: (value: SignInThrottleValue | undefined) => Promise<T>,
  ): Promise<T> {
    return this.#lock.run(key, async () => fn(await this.#store.get(key)));
  }

  // Failure logs: the times of the latest failures, oldest first.

  #recent(value: SignInThrottleValue | undefined, now: number): number[] {
    if (!Array.isArray(value)) {
      return [];
    }
    const since = now - this.#windowMs;
    return value
      .filter((t): t is number => typeof t === 'number' && t > since)
      .sort((a, b) => a - b);
  }

  #logRetryAfter(recent: number[], now: number): number | undefined {
    if (recent.length < this.#maxFailures) {
      return undefined;
    }
    const oldest = recent[recent.length - this.#maxFailures];
    return seconds(oldest + this.#windowMs - now);
  }

  async #writeLog(key: string, recent: number[], now: number) {
    if (recent.length === 0) {
      await this.#store.delete(key);
      return;
    }
    const kept = recent.slice(-this.#maxFailures);
    const newest = kept[kept.length - 1];
    await this.#store.set(
      key,
      kept,
      Math.max(1, newest + this.#windowMs - now),
    );
  }

  async #peekLog(key: string, now: number): Promise<number | undefined> {
    return this.#logRetryAfter(
      this.#recent(await this.#store.get(key), now),
      now,
    );
  }

  #takeLog(key: string, at: number): Promise<number | undefined> {
    return this.#update(key, async value => {
      const now = this.#now();
      const recent = this.#recent(value, now);
      const retryAfter = this.#logRetryAfter(recent, now);
      if (retryAfter === undefined) {
        await this.#writeLog(key, [...recent, at], now);
      }
      return retryAfter;
    });
  }

  #removeFromLog(key: string, at: number): Promise<void> {
    return this.#update(key, async value => {
      const now = this.#now();
      const recent = this.#recent(value, now);
      const index = recent.indexOf(at);
      if (index >= 0) {
        recent.splice(index, 1);
        await this.#writeLog(key, recent, now);
      }
    });
  }

  #touchLog(key: string): Promise<void> {
    return this.#update(key, async value => {
      const now = this.#now();
      await this.#writeLog(key, this.#recent(value, now), now);
    });
  }

  #deleteLog(key: string): Promise<void> {
    return this.#update(key, () => this.#store.delete(key));
  }

  // Token buckets of `capacity` failures, refilled over the window.

  #level(value: unknown, capacity: number, now: number): number {
    if (!isBucket(value)) {
      return capacity;
    }
    const refilled = (Math.max(0, now - value.at) * capacity) / this.#windowMs;
    return Math.min(capacity, value.tokens + refilled);
  }

  #bucketRetryAfter(level: number, capacity: number): number | undefined {
    return level >= 1
      ? undefined
      : seconds(((1 - level) * this.#windowMs) / capacity);
  }

  async #writeBucket(
    key: string,
    level: number,
    capacity: number,
    now: number,
  ) {
    if (level >= capacity) {
      await this.#store.delete(key);
      return;
    }
    const untilFull = ((capacity - level) * this.#windowMs) / capacity;
    await this.#store.set(
      key,
      { tokens: level, at: now },
      Math.max(1, Math.ceil(untilFull)),
    );
  }

  async #peekBucket(
    key: string,
    capacity: number,
    now: number,
  ): Promise<number | undefined> {
    const level = this.#level(await this.#store.get(key), capacity, now);
    return this.#bucketRetryAfter(level, capacity);
  }

  #takeBucket(key: string, capacity: number): Promise<number | undefined> {
    return this.#update(key, async value => {
      const now = this.#now();
      const level = this.#level(value, capacity, now);
      const retryAfter = this.#bucketRetryAfter(level, capacity);
      if (retryAfter === undefined) {
        await this.#writeBucket(key, level - 1, capacity, now);
      }
      return retryAfter;
    });
  }

  #giveBack(key: string, capacity: number): Promise<void> {
    return this.#update(key, async value => {
      const now = this.#now();
      const level = this.#level(value, capacity, now);
      await this.#writeBucket(
        key,
        Math.min(capacity, level + 1),
        capacity,
        now,
      );
    });
  }
}
