import { RefreshCookie } from './RefreshCookie';

const SECRET = 'a-refresh-secret-of-at-least-32-characters';

function fakeResponse() {
  const calls: Array<{
    kind: string;
    name: string;
    value?: string;
    options: any;
  }> = [];
  return {
    calls,
    res: {
      cookie: (name: string, value: string, options: any) =>
        calls.push({ kind: 'cookie', name, value, options }),
      clearCookie: (name: string, options: any) =>
        calls.push({ kind: 'clear', name, options }),
    } as any,
  };
}

function requestWith(cookie: string | undefined, parsed = true) {
  return {
    cookies: parsed && cookie ? { 'ldap-refresh-token': cookie } : {},
    header: (name: string) =>
      name === 'cookie' && cookie && !parsed
        ? `other=1; ldap-refresh-token=${cookie}`
        : undefined,
  } as any;
}

describe('RefreshCookie', () => {
  let now = 1_700_000_000_000;
  const create = (
    options: Partial<Parameters<typeof RefreshCookie.create>[0]> = {},
  ) =>
    RefreshCookie.create({
      providerId: 'ldap',
      environment: 'production',
      authBaseUrl: 'https://backstage.acme.example/api/auth',
      secret: SECRET,
      maxAgeSeconds: 3600,
      now: () => now,
      ...options,
    });

  function issue(cookie: RefreshCookie) {
    const { res, calls } = fakeResponse();
    cookie.issue(res, {
      dn: 'uid=jdoe,ou=people,dc=acme,dc=example',
      username: 'jdoe',
    });
    return calls[0];
  }

  it('is HttpOnly, SameSite=Strict, Secure over HTTPS and only sent to the provider', () => {
    const call = issue(create());
    expect(call).toMatchObject({
      kind: 'cookie',
      name: 'ldap-refresh-token',
      options: {
        httpOnly: true,
        sameSite: 'strict',
        secure: true,
        path: '/api/auth/ldap',
        maxAge: 3_600_000,
      },
    });
    expect(
      issue(create({ authBaseUrl: 'http://localhost:7007/api/auth/' })).options,
    ).toMatchObject({ secure: false, path: '/api/auth/ldap' });
  });

  it('gives back what it signed, until it expires', () => {
    const cookie = create();
    const { value } = issue(cookie);
    const claims = {
      dn: 'uid=jdoe,ou=people,dc=acme,dc=example',
      username: 'jdoe',
    };
    expect(cookie.read(requestWith(value))).toEqual(claims);
    expect(cookie.read(requestWith(value, false))).toEqual(claims);
    now += 3_599_000;
    expect(cookie.read(requestWith(value))).toEqual(claims);
    now += 1_000;
    expect(cookie.read(requestWith(value))).toBeUndefined();
  });

  it('refuses a changed, foreign or malformed cookie', () => {
    const cookie = create();
    const { value } = issue(cookie);
    const [body, signature] = value!.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({
        ...payload,
        dn: 'uid=ada,ou=people,dc=acme,dc=example',
      }),
    ).toString('base64url');

    for (const bad of [
      `${forged}.${signature}`,
      `${body}.${signature.slice(1)}`,
      `${body}.${signature}.x`,
      body,
      '',
      'a.b',
    ]) {
      expect(cookie.read(requestWith(bad))).toBeUndefined();
    }
    // Another key, or another environment with the same secret.
    expect(
      create({ secret: `${SECRET}!` }).read(requestWith(value)),
    ).toBeUndefined();
    expect(
      create({ environment: 'development' }).read(requestWith(value)),
    ).toBeUndefined();
    // Without a secret, a random key of this instance.
    expect(
      create({ secret: undefined }).read(requestWith(value)),
    ).toBeUndefined();
  });

  it('is deleted with the same attributes', () => {
    const { res, calls } = fakeResponse();
    create().clear(res);
    expect(calls).toEqual([
      {
        kind: 'clear',
        name: 'ldap-refresh-token',
        options: {
          httpOnly: true,
          sameSite: 'strict',
          secure: true,
          path: '/api/auth/ldap',
        },
      },
    ]);
  });
});
