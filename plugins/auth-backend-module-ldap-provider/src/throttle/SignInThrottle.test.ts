import { JDOE_VARIANTS } from '../__testUtils__/jdoeVariants';
import { MemorySignInThrottleStore } from './MemorySignInThrottleStore';
import { SignInThrottle, SignInThrottleOptions } from './SignInThrottle';

const JDOE_DN = 'uid=jdoe,ou=people,dc=acme,dc=example';

function setup(options: Partial<SignInThrottleOptions> = {}) {
  const clock = { now: 1_000_000 };
  const store = new MemorySignInThrottleStore({ now: () => clock.now });
  const throttle = new SignInThrottle({
    store,
    now: () => clock.now,
    ...options,
  });
  /** A wrong password: 'failed', or the seconds of the 429. */
  const guess = async (username: string, client = '192.0.2.1', dn?: string) => {
    try {
      const attempt = await throttle.begin(username, client);
      await attempt.identify(dn);
      await attempt.fail();
      return 'failed';
    } catch (error: any) {
      if (error.name !== 'TooManySignInAttemptsError') {
        throw error;
      }
      return error.retryAfterSeconds as number;
    }
  };
  return { clock, store, throttle, guess };
}

describe('SignInThrottle', () => {
  it('slides its window over the failures of an account', async () => {
    const { clock, guess } = setup({ maxFailures: 2, windowSeconds: 60 });
    expect(await guess('a')).toBe('failed');
    clock.now += 30_000;
    expect(await guess('a')).toBe('failed');
    expect(await guess('a')).toBe(30);
    clock.now += 30_001;
    expect(await guess('a')).toBe('failed');
    expect(await guess('a')).toBe(30);
  });

  it('counts the Unicode spellings of a name as one account', async () => {
    const { guess } = setup();
    for (let i = 0; i < 3; i++) {
      expect(await guess('jdoe')).toBe('failed');
    }
    for (const variant of JDOE_VARIANTS) {
      for (let i = 0; i < 3; i++) {
        expect(await guess(variant)).toEqual(expect.any(Number));
      }
    }
  });

  it('counts every name that leads to one entry as one account', async () => {
    const { guess } = setup();
    // Names the folding keeps apart but the directory resolves to one DN,
    // e.g. two values of a multi-valued uid.
    expect(await guess('jdoe', undefined, JDOE_DN)).toBe('failed');
    expect(await guess('jane', undefined, JDOE_DN)).toBe('failed');
    expect(await guess('j.doe', undefined, JDOE_DN)).toBe('failed');
    expect(await guess('jane.doe', undefined, JDOE_DN)).toEqual(
      expect.any(Number),
    );
    expect(
      await guess(
        'JANE.DOE',
        undefined,
        'UID=JDoe, OU=people,dc=acme,dc=example',
      ),
    ).toEqual(expect.any(Number));
    // The refused attempt does not count against the new name.
    expect(await guess('jane.doe', undefined, undefined)).toBe('failed');
  });

  it('does not forget a lock however many made-up names fail, and stays bounded', async () => {
    const { clock, guess, store } = setup();
    for (let i = 0; i < 3; i++) {
      await guess('jdoe', '198.51.100.7');
    }
    // 30 000 names from as many addresses: more than the overall limit lets
    // through in one window.
    let through = 0;
    for (let i = 0; i < 30_000; i++) {
      const client = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      if ((await guess(`junk-${i}`, client)) === 'failed') {
        through++;
      }
    }
    expect(through).toBe(10_000 - 3);
    // Per attempt let through: its name and its client; and one overall key.
    expect(store.size).toBeLessThanOrEqual(2 * 10_000 + 1);

    // Once the overall bucket has refilled a little, others get through
    // again, and jdoe is still locked by her own count.
    clock.now += 10_000;
    expect(await guess('someone-else', '203.0.113.9')).toBe('failed');
    expect(await guess('jdoe', '203.0.113.9')).toBe(290);
  });

  it('refuses a client after its failures, without writing anything more', async () => {
    const { clock, guess, store } = setup({ maxFailuresPerClient: 5 });
    for (let i = 0; i < 5; i++) {
      expect(await guess(`name-${i}`, '2001:db8:1:2::1')).toBe('failed');
    }
    const size = store.size;
    // Other addresses of the same /64 share the budget.
    for (let i = 0; i < 1000; i++) {
      expect(await guess(`other-${i}`, `2001:db8:1:2::${i.toString(16)}`)).toBe(
        60,
      );
    }
    expect(store.size).toBe(size);
    expect(await guess('name-x', '2001:db8:1:3::1')).toBe('failed');
    // The bucket refills: one more failure every window / limit.
    clock.now += 60_000;
    expect(await guess('again', '2001:db8:1:2::1')).toBe('failed');
    expect(await guess('again2', '2001:db8:1:2::1')).toBe(60);
  });

  it('refuses everyone once the overall limit is reached, until it refills', async () => {
    const { clock, guess } = setup({
      maxFailuresOverall: 10,
      windowSeconds: 100,
    });
    for (let i = 0; i < 10; i++) {
      expect(await guess(`n${i}`, `192.0.2.${i}`)).toBe('failed');
    }
    expect(await guess('someone', '198.51.100.1')).toBe(10);
    clock.now += 10_000;
    expect(await guess('someone', '198.51.100.1')).toBe('failed');
  });

  it('lets no more attempts for one account run at once than it allows one after another', async () => {
    const { throttle } = setup();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => throttle.begin('linus', '192.0.2.1')),
    );
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(3);
    expect(
      results.filter(
        r =>
          r.status === 'rejected' &&
          r.reason.name === 'TooManySignInAttemptsError',
      ),
    ).toHaveLength(7);
  });

  it('forgets the failures of the name and the entry after a success', async () => {
    const { throttle, guess } = setup();
    await guess('maria', undefined, 'uid=maria');
    await guess('MARIA', undefined, 'uid=maria');
    const attempt = await throttle.begin('maria');
    await attempt.identify('uid=maria');
    await attempt.succeed();
    for (let i = 0; i < 3; i++) {
      expect(await guess('maria', undefined, 'uid=maria')).toBe('failed');
    }
    expect(await guess('maria', undefined, 'uid=maria')).toEqual(
      expect.any(Number),
    );
  });

  it('does not count an attempt the directory could not answer', async () => {
    const { throttle, guess, store } = setup({ maxFailuresPerClient: 3 });
    for (let i = 0; i < 10; i++) {
      const attempt = await throttle.begin('kim', '192.0.2.1');
      await attempt.identify('uid=kim');
      await attempt.abandon();
    }
    expect(store.size).toBe(0);
    for (let i = 0; i < 3; i++) {
      expect(await guess('kim', '192.0.2.1', 'uid=kim')).toBe('failed');
    }
  });

  it('gives back the client and overall budget of successes', async () => {
    const { throttle, store } = setup({
      maxFailuresPerClient: 2,
      maxFailuresOverall: 2,
    });
    for (let i = 0; i < 20; i++) {
      const attempt = await throttle.begin(`user-${i}`, '192.0.2.1');
      await attempt.identify(`uid=user-${i}`);
      await attempt.succeed();
    }
    expect(store.size).toBe(0);
  });

  it('refuses nonsense settings', () => {
    const store = new MemorySignInThrottleStore();
    for (const bad of [
      { maxFailures: 0 },
      { maxFailures: 1.5 },
      { windowSeconds: 0 },
      { maxFailuresPerClient: 0 },
      { maxFailuresOverall: -1 },
    ]) {
      expect(() => new SignInThrottle({ store, ...bad })).toThrow();
    }
  });
});
