import { ProxiedSession, SignInError } from './proxiedSession';
import { ProxiedSessionIdentity } from './ProxiedSessionIdentity';

function session(token: string, expiresInSeconds = 3600): ProxiedSession {
  return {
    profile: {},
    backstageIdentity: {
      token,
      expiresInSeconds,
      identity: {
        type: 'user',
        userEntityRef: 'user:default/jdoe',
        ownershipEntityRefs: ['user:default/jdoe'],
      },
    },
  };
}

describe('ProxiedSessionIdentity', () => {
  it('renews the token five minutes before it expires', async () => {
    let now = 0;
    const fetchSession = jest.fn(async () => session('second'));
    const identity = new ProxiedSessionIdentity({
      session: session('first'),
      fetchSession,
      now: () => now,
    });

    now = 54 * 60 * 1000;
    expect(await identity.getCredentials()).toEqual({ token: 'first' });
    expect(fetchSession).not.toHaveBeenCalled();

    now = 55 * 60 * 1000 + 1;
    const [a, b] = await Promise.all([
      identity.getCredentials(),
      identity.getCredentials(),
    ]);
    expect(a).toEqual({ token: 'second' });
    expect(b).toEqual({ token: 'second' });
    expect(fetchSession).toHaveBeenCalledTimes(1);
  });

  it('keeps a valid token when renewal fails, and stops on refused credentials', async () => {
    let now = 0;
    const fetchSession = jest
      .fn()
      .mockRejectedValueOnce(new SignInError('unavailable', 'down', 503))
      .mockRejectedValueOnce(
        new SignInError(
          'invalid-credentials',
          'Wrong username or password.',
          401,
        ),
      );
    const identity = new ProxiedSessionIdentity({
      session: session('first', 600),
      fetchSession,
      now: () => now,
    });

    now = 5 * 60 * 1000 + 1;
    expect(await identity.getCredentials()).toEqual({ token: 'first' });
    // The next try waits a minute.
    now += 30_000;
    expect(await identity.getCredentials()).toEqual({ token: 'first' });
    expect(fetchSession).toHaveBeenCalledTimes(1);

    now += 31_000;
    expect(await identity.getCredentials()).toEqual({ token: 'first' });
    expect(fetchSession).toHaveBeenCalledTimes(2);

    now = 10 * 60 * 1000 + 1;
    await expect(identity.getCredentials()).rejects.toThrow(
      'The session has expired',
    );
    expect(fetchSession).toHaveBeenCalledTimes(2);
  });

  it('forgets the credentials on sign-out', async () => {
    let now = 0;
    const fetchSession = jest.fn(async () => session('second'));
    const identity = new ProxiedSessionIdentity({
      session: session('first', 60),
      fetchSession,
      now: () => now,
    });
    await identity.signOut();
    now = 61_000;
    await expect(identity.getCredentials()).rejects.toThrow();
    expect(fetchSession).not.toHaveBeenCalled();
  });
});
