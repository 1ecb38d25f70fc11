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

  it('forgets everything on sign-out, while the token would still be valid', async () => {
    const now = 0;
    const fetchSession = jest.fn(async () => session('second'));
    const onSignOut = jest.fn(async () => {});
    const identity = new ProxiedSessionIdentity({
      session: session('first', 3600),
      fetchSession,
      onSignOut,
      now: () => now,
    });
    expect(await identity.getCredentials()).toEqual({ token: 'first' });

    await identity.signOut();
    expect(onSignOut).toHaveBeenCalledTimes(1);
    expect(await identity.getCredentials()).toEqual({});
    expect(await identity.getProfileInfo()).toEqual({});
    await expect(identity.getBackstageIdentity()).rejects.toThrow('Signed out');
    expect(fetchSession).not.toHaveBeenCalled();
  });

  it('drops a renewal that was under way at sign-out', async () => {
    let now = 0;
    let finish: (s: ProxiedSession) => void = () => {};
    const fetchSession = jest.fn(
      () => new Promise<ProxiedSession>(resolve => (finish = resolve)),
    );
    const identity = new ProxiedSessionIdentity({
      session: session('first', 600),
      fetchSession,
      now: () => now,
    });
    now = 5 * 60 * 1000 + 1;
    const pending = identity.getCredentials();
    await identity.signOut();
    finish(session('second'));
    expect(await pending).toEqual({});
    expect(await identity.getCredentials()).toEqual({});
  });

  it('signs out even when the backend cannot be told', async () => {
    const identity = new ProxiedSessionIdentity({
      session: session('first'),
      fetchSession: jest.fn(),
      onSignOut: async () => {
        throw new Error('offline');
      },
    });
    await expect(identity.signOut()).resolves.toBeUndefined();
    expect(await identity.getCredentials()).toEqual({});
  });
});
