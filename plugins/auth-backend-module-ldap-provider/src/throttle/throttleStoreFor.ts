import { CacheService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CacheSignInThrottleStore } from './CacheSignInThrottleStore';
import { MemorySignInThrottleStore } from './MemorySignInThrottleStore';
import { SignInThrottleStore } from './SignInThrottleStore';

/**
 * The cache service when `backend.cache.store` names a shared cache (Redis,
 * Valkey, Memcache, Infinispan), so that replicas share their counts.
 * Backstage's `memory` cache is per process anyway, and it drops expired
 * entries only when they are read again, so a flood of made-up names would
 * stay in it for good: then the throttle's own bounded memory store is used.
 *
 * @internal
 */
export function throttleStoreFor(
  config: Config,
  cache: CacheService,
): SignInThrottleStore {
  const store = config.getOptionalString('backend.cache.store') || 'memory';
  return store === 'memory'
    ? new MemorySignInThrottleStore()
    : new CacheSignInThrottleStore(cache);
}
