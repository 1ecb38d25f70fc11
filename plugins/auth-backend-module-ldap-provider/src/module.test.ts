import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  DEMO_LDAP_LDIF,
  startTestSlapd,
  TestSlapd,
} from '@wombat/plugin-wombat-node-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleLdap from '@backstage/plugin-catalog-backend-module-ldap';
import { Client } from 'ldapts';
import request from 'supertest';
import { JDOE_VARIANTS } from './__testUtils__/jdoeVariants';
import { hasRedisServer, startTestRedis } from './__testUtils__/startTestRedis';
import { INVALID_CREDENTIALS_MESSAGE } from './errors';
import { SIGN_IN_AGAIN_MESSAGE } from './LdapSignInRoutes';
import { authModuleLdapProvider } from './module';

type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

// A directory user outside ou=people, which the catalog does not ingest.
const CONTRACTOR_LDIF = `
dn: ou=contractors,dc=acme,dc=example
objectClass: organizationalUnit
ou: contractors

dn: uid=carl,ou=contractors,dc=acme,dc=example
objectClass: inetOrgPerson
uid: carl
cn: Carl Contractor
sn: Contractor
userPassword: carl-password
`;

// A user in the catalog whose entry the tests delete.
const LEAVER_LDIF = `
dn: uid=leaver,ou=people,dc=acme,dc=example
objectClass: inetOrgPerson
uid: leaver
cn: Lee Leaver
sn: Leaver
userPassword: leaver-password
`;

function basic(username: string, password: string) {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function jwtPayload(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

function setCookies(res: request.Response): string[] {
  const header = res.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? header : [];
}

/** The `name=value` of the refresh cookie a response sets. */
function refreshCookieOf(res: request.Response): string {
  const cookie = setCookies(res).find(c => c.startsWith('ldap-refresh-token='));
  if (!cookie) {
    throw new Error(`No refresh cookie in ${JSON.stringify(res.headers)}`);
  }
  return cookie.split(';')[0];
}

async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('Timed out waiting for the catalog');
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

function ldapEnvironment(slapd: TestSlapd, extra: object = {}) {
  return {
    url: slapd.url,
    bindDn: slapd.bindDn,
    bindPassword: slapd.bindPassword,
    searchBase: 'dc=acme,dc=example',
    searchFilter: '(objectClass=inetOrgPerson)',
    signIn: {
      resolvers: [{ resolver: 'ldapDnMatchingUserEntityAnnotation' }],
    },
    ...extra,
  };
}

function signInTo(backend: TestBackend) {
  return (authorization?: string, path = '/api/auth/ldap/refresh') => {
    const req = request(backend.server)
      .get(path)
      .set('X-Requested-With', 'XMLHttpRequest');
    return authorization ? req.set('Authorization', authorization) : req;
  };
}

describe('authModuleLdapProvider with the catalog LDAP provider', () => {
  let slapd: TestSlapd;
  let backend: TestBackend;
  let signIn: ReturnType<typeof signInTo>;

  const renew = (cookie: string) =>
    request(backend.server)
      .post('/api/auth/ldap/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Cookie', cookie);

  beforeAll(async () => {
    slapd = await startTestSlapd({
      ldif: `${DEMO_LDAP_LDIF}${CONTRACTOR_LDIF}${LEAVER_LDIF}`,
    });
    backend = await startTestBackend({
      features: [
        authPlugin,
        authModuleLdapProvider,
        catalogPlugin,
        catalogModuleLdap,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              providers: {
                ldap: {
                  // The whole directory, contractors included, can sign in;
                  // the catalog only has ou=people.
                  development: ldapEnvironment(slapd, {
                    rateLimit: { maxFailuresPerClient: 100 },
                  }),
                  production: ldapEnvironment(slapd, {
                    signIn: {
                      resolvers: [
                        { resolver: 'usernameMatchingUserEntityName' },
                      ],
                    },
                  }),
                },
              },
            },
            catalog: {
              providers: {
                ldapOrg: {
                  default: {
                    target: slapd.url,
                    bind: { dn: slapd.bindDn, secret: slapd.bindPassword },
                    users: {
                      dn: 'ou=people,dc=acme,dc=example',
                      options: { filter: '(objectClass=inetOrgPerson)' },
                    },
                    groups: {
                      dn: 'ou=groups,dc=acme,dc=example',
                      options: { filter: '(objectClass=groupOfNames)' },
                      set: { 'spec.type': 'team' },
                    },
                    schedule: {
                      frequency: { minutes: 60 },
                      timeout: { minutes: 1 },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    signIn = signInTo(backend);

    // The scheduler runs the provider once at startup; the catalog then
    // processes and stitches the entities in the background.
    await eventually(async () => {
      const res = await request(backend.server)
        .get('/api/catalog/entities/by-name/user/default/jdoe')
        .set('Authorization', mockCredentials.user.header());
      const memberOf = res.body?.relations?.filter(
        (r: { type: string }) => r.type === 'memberOf',
      );
      return res.status === 200 && memberOf?.length ? res.body : undefined;
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await slapd?.stop();
  });

  it('lets the official LDAP provider ingest users and groups', async () => {
    const user = await request(backend.server)
      .get('/api/catalog/entities/by-name/user/default/jdoe')
      .set('Authorization', mockCredentials.user.header());
    expect(user.status).toBe(200);
    expect(user.body.metadata.annotations).toMatchObject({
      'backstage.io/ldap-rdn': 'jdoe',
      'backstage.io/ldap-dn': 'uid=jdoe,ou=people,dc=acme,dc=example',
    });
    expect(user.body.spec.profile).toEqual({
      displayName: 'Jane Doe',
      email: 'jdoe@acme.example',
    });

    const group = await request(backend.server)
      .get('/api/catalog/entities/by-name/group/default/team-payments')
      .set('Authorization', mockCredentials.user.header());
    expect(group.status).toBe(200);
    const members = group.body.relations
      .filter((r: { type: string }) => r.type === 'hasMember')
      .map((r: { targetRef: string }) => r.targetRef)
      .sort();
    expect(members).toEqual([
      'user:default/jdoe',
      'user:default/kim',
      'user:default/maria',
    ]);

    const platform = await request(backend.server)
      .get('/api/catalog/entities/by-name/group/default/platform')
      .set('Authorization', mockCredentials.user.header());
    expect(platform.body.spec.children).toEqual([
      'group:default/platform-admins',
    ]);
  });

  it('signs jdoe in by her DN, with a token that carries her groups', async () => {
    const res = await signIn(basic('jdoe', 'jdoe-password'));
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({
      displayName: 'Jane Doe',
      email: 'jdoe@acme.example',
    });
    const { identity, token, expiresInSeconds } = res.body.backstageIdentity;
    expect(expiresInSeconds).toBeGreaterThan(0);
    expect(identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/jdoe',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/jdoe',
        'group:default/team-payments',
      ]),
    });
    expect(identity.ownershipEntityRefs).not.toContain(
      'group:default/team-web',
    );
    // The token names the user; the ownership refs come with the identity
    // (Backstage keeps them in its user info store, not in the token).
    expect(jwtPayload(token)).toMatchObject({
      sub: 'user:default/jdoe',
      aud: 'backstage',
    });
  });

  it('also answers POST, and serves only the environment of auth.environment', async () => {
    const post = await request(backend.server)
      .post('/api/auth/ldap/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Authorization', basic('kim', 'kim-password'));
    expect(post.status).toBe(200);
    expect(post.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/kim',
    );

    const development = await signIn(
      basic('maria', 'maria-password'),
      '/api/auth/ldap/refresh?env=development',
    );
    expect(development.status).toBe(200);

    // Configured, but not auth.environment: as if it were not there.
    const production = await signIn(
      basic('maria', 'maria-password'),
      '/api/auth/ldap/refresh?env=production',
    );
    const unknown = await signIn(
      basic('maria', 'maria-password'),
      '/api/auth/ldap/refresh?env=staging',
    );
    expect(production.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(production.body.error.name).toBe(unknown.body.error.name);
    expect(production.body.error.message).toBe(
      "No configuration available for the 'production' environment of this provider.",
    );
  });

  it('answers 401 with one message for a wrong password and an unknown user', async () => {
    const wrong = await signIn(basic('linus', 'not-his-password'));
    const unknown = await signIn(basic('nobody', 'linus-password'));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(unknown.body).toEqual(wrong.body);
    expect(JSON.stringify(wrong.body)).not.toContain('not-his-password');
  });

  it('answers a right password of an account without catalog user exactly like a wrong one', async () => {
    const wrong = await signIn(basic('carl', 'not-his-password'));
    const right = await signIn(basic('carl', 'carl-password'));
    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    expect(right.body.error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(setCookies(right)).toEqual([]);
    expect(Object.keys(right.headers).sort()).toEqual(
      Object.keys(wrong.headers).sort(),
    );

    // Nor does the throttle tell: the right password counted as a failure,
    // so carl is now locked like any account after three wrong ones.
    const third = await signIn(basic('carl', 'still-wrong'));
    expect(third.status).toBe(401);
    const fourth = await signIn(basic('carl', 'carl-password'));
    expect(fourth.status).toBe(429);
  });

  it('answers 401 to filter injection and to an empty password', async () => {
    for (const username of ['*)(uid=*', 'jdoe)(|(uid=*', '*']) {
      const res = await signIn(basic(username, 'jdoe-password'));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    }
    const empty = await signIn(basic('tom', ''));
    expect(empty.status).toBe(401);
    expect(empty.body.error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
  });

  it('answers 401 without credentials or without X-Requested-With', async () => {
    const none = await signIn();
    expect(none.status).toBe(401);

    const noHeader = await request(backend.server)
      .get('/api/auth/ldap/refresh')
      .set('Authorization', basic('jdoe', 'jdoe-password'));
    expect(noHeader.status).toBe(401);
    expect(noHeader.body.error.message).toBe('Invalid X-Requested-With header');
  });

  it('answers 429 with Retry-After after 3 failures for one username', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await signIn(basic('raj', `guess-${i}`))).status).toBe(401);
    }
    const throttled = await signIn(basic('raj', 'raj-password'));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(250);
    expect(throttled.body.error.name).toBe('TooManySignInAttemptsError');

    expect((await signIn(basic('sofia', 'sofia-password'))).status).toBe(200);
  });

  describe('the refresh cookie', () => {
    it('is set once the password signed in: HttpOnly, SameSite=Strict, for the provider only', async () => {
      const res = await signIn(basic('tom', 'tom-password'));
      expect(res.status).toBe(200);
      const cookie = setCookies(res).find(c =>
        c.startsWith('ldap-refresh-token='),
      );
      expect(cookie).toMatch(/; Path=\/api\/auth\/ldap(;|$)/);
      expect(cookie).toMatch(/; HttpOnly(;|$)/);
      expect(cookie).toMatch(/; SameSite=Strict(;|$)/);
      expect(cookie).toMatch(/; Max-Age=43200(;|$)/);
      // The test backend is served over http; over https it is Secure too.
      expect(cookie).not.toMatch(/Secure/);
      expect(cookie).not.toContain('tom-password');
    });

    it('renews the sign-in without the password, until sign-out', async () => {
      const cookie = refreshCookieOf(
        await signIn(basic('kim', 'kim-password')),
      );
      const renewed = await renew(cookie);
      expect(renewed.status).toBe(200);
      expect(renewed.body.backstageIdentity.identity.userEntityRef).toBe(
        'user:default/kim',
      );
      expect(setCookies(renewed)).toEqual([]);

      const logout = await request(backend.server)
        .post('/api/auth/ldap/logout')
        .set('X-Requested-With', 'XMLHttpRequest')
        .set('Cookie', cookie);
      expect(logout.status).toBe(200);
      expect(setCookies(logout)).toEqual([
        expect.stringMatching(
          /^ldap-refresh-token=; Path=\/api\/auth\/ldap; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
        ),
      ]);

      const withoutHeader = await request(backend.server)
        .post('/api/auth/ldap/logout')
        .set('Cookie', cookie);
      expect(withoutHeader.status).toBe(401);
    });

    it('is refused when changed, and then deleted', async () => {
      const cookie = refreshCookieOf(
        await signIn(basic('maria', 'maria-password')),
      );
      const [name, value] = cookie.split('=');
      const [body, signature] = decodeURIComponent(value).split('.');
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
      const forged = Buffer.from(
        JSON.stringify({
          ...payload,
          dn: 'uid=ada,ou=people,dc=acme,dc=example',
          usr: 'ada',
        }),
      ).toString('base64url');

      const res = await renew(`${name}=${forged}.${signature}`);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe(SIGN_IN_AGAIN_MESSAGE);
      expect(setCookies(res)).toEqual([
        expect.stringMatching(/^ldap-refresh-token=; Path=\/api\/auth\/ldap;/),
      ]);
    });

    it('stops working once the entry is gone from the directory', async () => {
      const cookie = refreshCookieOf(
        await signIn(basic('leaver', 'leaver-password')),
      );
      expect((await renew(cookie)).status).toBe(200);

      const admin = new Client({ url: slapd.url });
      await admin.bind(slapd.bindDn, slapd.bindPassword);
      await admin.del('uid=leaver,ou=people,dc=acme,dc=example');
      await admin.unbind();

      // The catalog still has the user until its next run; the directory
      // decides.
      const res = await renew(cookie);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe(SIGN_IN_AGAIN_MESSAGE);
    });
  });
});

describe('authModuleLdapProvider throttle over HTTP', () => {
  let slapd: TestSlapd;
  let backend: TestBackend;
  let signIn: ReturnType<typeof signInTo>;

  beforeAll(async () => {
    slapd = await startTestSlapd();
    backend = await startTestBackend({
      features: [
        authPlugin,
        authModuleLdapProvider,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              providers: { ldap: { development: ldapEnvironment(slapd) } },
            },
          },
        }),
      ],
    });
    signIn = signInTo(backend);
  });

  afterAll(async () => {
    await backend?.stop();
    await slapd?.stop();
  });

  it('refuses 24 guesses through 8 Unicode spellings of a locked user, and a flood of junk names does not unlock her', async () => {
    for (let i = 1; i <= 3; i++) {
      expect((await signIn(basic('jdoe', `bad${i}`))).status).toBe(401);
    }
    expect((await signIn(basic('jdoe', 'bad4'))).status).toBe(429);

    const statuses: number[] = [];
    for (const variant of JDOE_VARIANTS) {
      for (let i = 1; i <= 3; i++) {
        statuses.push((await signIn(basic(variant, `g${i}`))).status);
      }
    }
    expect(statuses).toEqual(Array(24).fill(429));
    expect((await signIn(basic('ｊｄｏｅ', 'jdoe-password'))).status).toBe(429);

    // The review's flood: 10 000 made-up names of 300 characters. They are
    // refused as malformed, before the directory and without being counted.
    const pad = 'x'.repeat(300);
    const flood: Promise<number>[] = [];
    const floodStatuses = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      flood.push(signIn(basic(`${i}${pad}`, 'p')).then(r => r.status));
      if (flood.length === 32) {
        for (const status of await Promise.all(flood.splice(0))) {
          floodStatuses.set(status, (floodStatuses.get(status) ?? 0) + 1);
        }
      }
    }
    for (const status of await Promise.all(flood)) {
      floodStatuses.set(status, (floodStatuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(floodStatuses)).toEqual({ 401: 10_000 });

    const after = await signIn(basic('jdoe', 'bad5'));
    expect(after.status).toBe(429);
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(200);
  }, 120_000);

  it('stops a flood of made-up names from one client at its limit, and the lock stays', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const { status } = await signIn(basic(`junk-${i}`, 'p'));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    // The first test spent 3 of the client's 30 failures on jdoe; the
    // bucket refills one every 10 seconds meanwhile.
    expect(statuses.get(401)).toBeGreaterThanOrEqual(27);
    expect(statuses.get(401)).toBeLessThanOrEqual(30);
    expect(statuses.get(429)).toBe(200 - statuses.get(401)!);
    const after = await signIn(basic('jdoe', 'jdoe-password'));
    expect(after.status).toBe(429);
    // The wait is jdoe's lock, not only the client's.
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(200);
  });
});

(hasRedisServer ? describe : describe.skip)(
  'authModuleLdapProvider replicas sharing a Redis cache',
  () => {
    let slapd: TestSlapd;
    let redis: Awaited<ReturnType<typeof startTestRedis>>;
    const replicas: TestBackend[] = [];

    beforeAll(async () => {
      slapd = await startTestSlapd();
      redis = await startTestRedis();
      for (let i = 0; i < 2; i++) {
        replicas.push(
          await startTestBackend({
            features: [
              authPlugin,
              authModuleLdapProvider,
              mockServices.rootConfig.factory({
                data: {
                  app: { baseUrl: 'http://localhost:3000' },
                  backend: { cache: { store: 'redis', connection: redis.url } },
                  auth: {
                    providers: {
                      ldap: { development: ldapEnvironment(slapd) },
                    },
                  },
                },
              }),
            ],
          }),
        );
      }
    });

    afterAll(async () => {
      for (const replica of replicas) {
        await replica.stop();
      }
      await slapd?.stop();
    });

    it('counts the failures on one replica on the other too', async () => {
      const [first, second] = replicas.map(signInTo);
      expect((await first(basic('linus', 'bad1'))).status).toBe(401);
      expect((await second(basic('LINUS', 'bad2'))).status).toBe(401);
      expect((await first(basic('ｌinus', 'bad3'))).status).toBe(401);
      expect((await second(basic('linus', 'linus-password'))).status).toBe(429);
      expect((await first(basic('linus', 'linus-password'))).status).toBe(429);
    });
  },
);

describe('authModuleLdapProvider when the directory is down', () => {
  it('answers 503', async () => {
    const slapd = await startTestSlapd();
    await slapd.stop();
    const backend = await startTestBackend({
      features: [
        authPlugin,
        authModuleLdapProvider,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              providers: {
                ldap: {
                  development: {
                    url: slapd.url,
                    searchBase: 'dc=acme,dc=example',
                    signIn: {
                      resolvers: [
                        { resolver: 'usernameMatchingUserEntityName' },
                      ],
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const res = await request(backend.server)
        .get('/api/auth/ldap/refresh')
        .set('X-Requested-With', 'XMLHttpRequest')
        .set('Authorization', basic('jdoe', 'jdoe-password'));
      expect(res.status).toBe(503);
      expect(res.body.error.message).toBe('The LDAP server is not available');
      expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    } finally {
      await backend.stop();
    }
  });
});
