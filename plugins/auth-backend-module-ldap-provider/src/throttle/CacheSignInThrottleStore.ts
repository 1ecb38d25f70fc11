import { CacheService } from '@backstage/backend-plugin-api';
import {
  SignInThrottleStore,
  SignInThrottleValue,
} from './SignInThrottleStore';

/**
 * A {@link SignInThrottleStore} in Backstage's cache service, so that the
 * replicas of a backend that share a Redis, Valkey or Memcache share their
 * counts.
 *
 * @public
 */
export class CacheSignInThrottleStore implements SignInThrottleStore {
  readonly #cache: CacheService;

  constructor(cache: CacheService) {
    this.#cache = cache;
  }

  async get(key: string): Promise<SignInThrottleValue | undefined> {
    return this.#cache.get(key);
  }

  async set(
    key: string,
    value: SignInThrottleValue,
    ttlMs: number,
  ): Promise<void> {
    // Memcache counts TTLs in whole seconds; a longer life is harmless, as
    // values carry their own timestamps.
    const ttl = Math.max(1, Math.ceil(ttlMs / 1000)) * 1000;
    await this.#cache.set(key, value, { ttl });
  }

  async delete(key: string): Promise<void> {
    await this.#cache.delete(key);
  }
}
