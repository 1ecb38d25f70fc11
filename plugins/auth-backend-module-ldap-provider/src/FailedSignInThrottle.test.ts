import { FailedSignInThrottle } from './FailedSignInThrottle';

describe('FailedSignInThrottle', () => {
  it('slides its window over the failures', () => {
    let now = 0;
    const throttle = new FailedSignInThrottle({
      maxFailures: 2,
      windowSeconds: 60,
      now: () => now,
    });
    throttle.recordFailure('a');
    now = 30_000;
    throttle.recordFailure('a');
    expect(() => throttle.assertAllowed('a')).toThrow(
      expect.objectContaining({ retryAfterSeconds: 30 }),
    );
    now = 60_001;
    expect(() => throttle.assertAllowed('a')).not.toThrow();
    throttle.recordFailure('a');
    expect(() => throttle.assertAllowed('a')).toThrow(
      expect.objectContaining({ retryAfterSeconds: 30 }),
    );
  });

  it('forgets the stalest usernames beyond its capacity', () => {
    const throttle = new FailedSignInThrottle({
      maxFailures: 1,
      maxTrackedUsernames: 2,
    });
    throttle.recordFailure('a');
    throttle.recordFailure('b');
    throttle.recordFailure('a');
    throttle.recordFailure('c');
    expect(() => throttle.assertAllowed('a')).toThrow();
    expect(() => throttle.assertAllowed('b')).not.toThrow();
    expect(() => throttle.assertAllowed('c')).toThrow();
  });

  it('refuses nonsense settings', () => {
    expect(() => new FailedSignInThrottle({ maxFailures: 0 })).toThrow();
    expect(() => new FailedSignInThrottle({ maxFailures: 1.5 })).toThrow();
    expect(() => new FailedSignInThrottle({ windowSeconds: 0 })).toThrow();
  });
});
