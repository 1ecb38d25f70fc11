import { MemorySignInThrottleStore } from './MemorySignInThrottleStore';

describe('MemorySignInThrottleStore', () => {
  it('forgets entries after their TTL', async () => {
    let now = 0;
    const store = new MemorySignInThrottleStore({ now: () => now });
    await store.set('a', [1], 1000);
    expect(await store.get('a')).toEqual([1]);
    now = 1000;
    expect(await store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('drops expired entries on every write, so it holds only what was written within the longest TTL', async () => {
    let now = 0;
    const store = new MemorySignInThrottleStore({ now: () => now });
    for (let i = 0; i < 100_000; i++) {
      now = i;
      await store.set(`key-${i}`, i, 1000);
    }
    expect(store.size).toBeLessThanOrEqual(1001);
    expect(await store.get('key-99999')).toBe(99_999);
  });

  it('keeps an entry that is written again alive', async () => {
    let now = 0;
    const store = new MemorySignInThrottleStore({ now: () => now });
    await store.set('a', 1, 1000);
    await store.set('b', 1, 1000);
    now = 900;
    await store.set('a', 2, 1000);
    now = 1500;
    await store.set('c', 1, 1000);
    expect(await store.get('a')).toBe(2);
    expect(await store.get('b')).toBeUndefined();
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });
});
