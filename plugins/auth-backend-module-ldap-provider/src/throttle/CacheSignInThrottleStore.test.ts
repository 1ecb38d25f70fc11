import { mockServices } from '@backstage/backend-test-utils';
import { CacheSignInThrottleStore } from './CacheSignInThrottleStore';

describe('CacheSignInThrottleStore', () => {
  it('reads, writes and deletes through the cache service, with TTLs in whole seconds', async () => {
    const values = new Map<string, unknown>();
    const cache = mockServices.cache.mock({
      get: jest.fn(async (key: string) => values.get(key) as any),
      set: jest.fn(async (key: string, value: unknown) => {
        values.set(key, value);
      }),
      delete: jest.fn(async (key: string) => {
        values.delete(key);
      }),
    });
    const store = new CacheSignInThrottleStore(cache);

    await store.set('k', { tokens: 1, at: 2 }, 1500);
    expect(cache.set).toHaveBeenCalledWith(
      'k',
      { tokens: 1, at: 2 },
      { ttl: 2000 },
    );
    await store.set('short', [1], 1);
    expect(cache.set).toHaveBeenLastCalledWith('short', [1], { ttl: 1000 });
    expect(await store.get('k')).toEqual({ tokens: 1, at: 2 });
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });
});
