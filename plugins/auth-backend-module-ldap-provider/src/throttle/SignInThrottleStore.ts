import { CacheService } from '@backstage/backend-plugin-api';

/**
 * A JSON value, as the cache service stores it.
 *
 * @public
 */
export type SignInThrottleValue = Parameters<CacheService['set']>[1];

/**
 * Where {@link SignInThrottle} keeps its counts: a key-value store with
 * expiry, such as Backstage's cache service. Values carry their own
 * timestamps, so an entry that lives longer than its TTL does no harm; the
 * TTL only lets the store drop what is no longer needed.
 *
 * There is no compare-and-set: the throttle reads, changes and writes back.
 * It serialises that per key within one process; between processes sharing
 * a store, two updates of one key at the same moment can lose one of them.
 *
 * @public
 */
export interface SignInThrottleStore {
  get(key: string): Promise<SignInThrottleValue | undefined>;
  set(key: string, value: SignInThrottleValue, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}
