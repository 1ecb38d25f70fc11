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
import request from 'supertest';
import { INVALID_CREDENTIALS_MESSAGE } from './errors';
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

function basic(username: string, password: string) {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function jwtPayload(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
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

describe('authModuleLdapProvider with the catalog LDAP provider', () => {
  let slapd: TestSlapd;
  let backend: TestBackend;

  const signIn = (authorization?: string, path = '/api/auth/ldap/refresh') => {
    const req = request(backend.server)
      .get(path)
      .set('X-Requested-With', 'XMLHttpRequest');
    return authorization ? req.set('Authorization', authorization) : req;
  };

  beforeAll(async () => {
    slapd = await startTestSlapd({
      ldif: `${DEMO_LDAP_LDIF}${CONTRACTOR_LDIF}`,
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
                  development: {
                    url: slapd.url,
                    bindDn: slapd.bindDn,
                    bindPassword: slapd.bindPassword,
                    searchBase: 'ou=people,dc=acme,dc=example',
                    searchFilter: '(objectClass=inetOrgPerson)',
                    signIn: {
                      resolvers: [
                        { resolver: 'ldapUidMatchingUserEntityAnnotation' },
                      ],
                    },
                  },
                  production: {
                    url: slapd.url,
                    searchBase: 'dc=acme,dc=example',
                    searchFilter: '(objectClass=inetOrgPerson)',
                    signIn: {
                      resolvers: [
                        { resolver: 'usernameMatchingUserEntityName' },
                      ],
                    },
                  },
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

  it('signs jdoe in with a token that carries her groups', async () => {
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

  it('also answers POST, and uses the environment given in the query', async () => {
    const post = await request(backend.server)
      .post('/api/auth/ldap/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Authorization', basic('kim', 'kim-password'));
    expect(post.status).toBe(200);
    expect(post.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/kim',
    );

    const production = await signIn(
      basic('maria', 'maria-password'),
      '/api/auth/ldap/refresh?env=production',
    );
    expect(production.status).toBe(200);
    expect(production.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/maria',
    );

    const unknownEnv = await signIn(
      basic('maria', 'maria-password'),
      '/api/auth/ldap/refresh?env=staging',
    );
    expect(unknownEnv.status).toBe(404);
  });

  it('answers 401 with one message for a wrong password and an unknown user', async () => {
    const wrong = await signIn(basic('linus', 'not-his-password'));
    const unknown = await signIn(basic('nobody', 'linus-password'));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(JSON.stringify(wrong.body)).not.toContain('not-his-password');
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

  it('answers 403 for a directory user who is not in the catalog', async () => {
    const res = await signIn(
      basic('carl', 'carl-password'),
      '/api/auth/ldap/refresh?env=production',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "The directory accepted 'carl', but no matching user was found in the catalog",
    );
    expect(res.body.backstageIdentity).toBeUndefined();
  });
});

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
