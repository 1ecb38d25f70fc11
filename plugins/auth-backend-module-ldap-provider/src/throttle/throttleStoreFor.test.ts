import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CacheSignInThrottleStore } from './CacheSignInThrottleStore';
import { MemorySignInThrottleStore } from './MemorySignInThrottleStore';
import { throttleStoreFor } from './throttleStoreFor';

describe('throttleStoreFor', () => {
  const cache = mockServices.cache.mock();

  it('keeps counts in its own bounded memory with the memory cache', () => {
    expect(throttleStoreFor(new ConfigReader({}), cache)).toBeInstanceOf(
      MemorySignInThrottleStore,
    );
    expect(
      throttleStoreFor(
        new ConfigReader({ backend: { cache: { store: 'memory' } } }),
        cache,
      ),
    ).toBeInstanceOf(MemorySignInThrottleStore);
  });

  it.each(['redis', 'valkey', 'memcache', 'infinispan'])(
    'shares counts through the cache service with %s',
    store => {
      expect(
        throttleStoreFor(
          new ConfigReader({ backend: { cache: { store } } }),
          cache,
        ),
      ).toBeInstanceOf(CacheSignInThrottleStore);
    },
  );
});
