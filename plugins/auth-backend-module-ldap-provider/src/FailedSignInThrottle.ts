import { TooManySignInAttemptsError } from './errors';

/** @public */
export interface FailedSignInThrottleOptions {
  /** Failures within the window after which a username is refused; default 3. */
  maxFailures?: number;
  /** Default 300. */
  windowSeconds?: number;
  /** How many usernames to remember at most; default 10000. */
  maxTrackedUsernames?: number;
  now?: () => number;
}

/**
 * Counts failed sign-ins per username in memory. Once a username has
 * `maxFailures` failures within the last `windowSeconds`, every further
 * attempt is refused without asking the directory, until the oldest of those
 * failures leaves the window. A success forgets the failures.
 *
 * Usernames are compared like LDAP compares them, without case and outer
 * spaces, so `JDoe ` and `jdoe` share one count.
 *
 * @public
 */
export class FailedSignInThrottle {
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #maxTracked: number;
  readonly #now: () => number;
  readonly #failures = new Map<string, number[]>();
  readonly #running = new Map<string, number>();

  constructor(options: FailedSignInThrottleOptions = {}) {
    this.#maxFailures = options.maxFailures ?? 3;
    this.#windowMs = (options.windowSeconds ?? 300) * 1000;
    this.#maxTracked = options.maxTrackedUsernames ?? 10_000;
    this.#now = options.now ?? Date.now;
    if (!Number.isInteger(this.#maxFailures) || this.#maxFailures < 1) {
      throw new Error('maxFailures must be a positive integer');
    }
    if (!(this.#windowMs > 0)) {
      throw new Error('windowSeconds must be positive');
    }
  }

  /** Throws {@link TooManySignInAttemptsError} when the username is throttled. */
  assertAllowed(username: string): void {
    const key = FailedSignInThrottle.#key(username);
    const recent = this.#recent(key);
    if (recent.length >= this.#maxFailures) {
      const oldest = recent[recent.length - this.#maxFailures];
      const retryAfterMs = oldest + this.#windowMs - this.#now();
      throw new TooManySignInAttemptsError(
        Math.max(1, Math.ceil(retryAfterMs / 1000)),
      );
    }
    // Attempts still running may all fail: without counting them, many
    // guesses sent at once would all pass before the first failure counts.
    if (recent.length + (this.#running.get(key) ?? 0) >= this.#maxFailures) {
      throw new TooManySignInAttemptsError(1);
    }
  }

  /**
   * Like {@link FailedSignInThrottle.assertAllowed}, and then counts the
   * attempt as running until the returned function is called.
   */
  begin(username: string): () => void {
    this.assertAllowed(username);
    const key = FailedSignInThrottle.#key(username);
    this.#running.set(key, (this.#running.get(key) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) {
        return;
      }
      ended = true;
      const left = (this.#running.get(key) ?? 1) - 1;
      if (left > 0) {
        this.#running.set(key, left);
      } else {
        this.#running.delete(key);
      }
    };
  }

  recordFailure(username: string): void {
    const key = FailedSignInThrottle.#key(username);
    const recent = this.#recent(key);
    recent.push(this.#now());
    // Re-inserting keeps the map ordered by latest failure, oldest first.
    this.#failures.delete(key);
    this.#failures.set(key, recent.slice(-this.#maxFailures));
    this.#evict();
  }

  recordSuccess(username: string): void {
    this.#failures.delete(FailedSignInThrottle.#key(username));
  }

  static #key(username: string): string {
    return username.trim().toLowerCase();
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#windowMs;
    return (this.#failures.get(key) ?? []).filter(time => time > since);
  }

  #evict() {
    // The map is ordered by latest failure, so the first keys are the
    // stalest. A flood of made-up usernames thus cannot grow memory without
    // bound; it can only make the throttle forget the oldest counts.
    for (const key of this.#failures.keys()) {
      if (this.#failures.size <= this.#maxTracked) {
        break;
      }
      this.#failures.delete(key);
    }
  }
}
