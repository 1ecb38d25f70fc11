import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  startTestSlapd,
  TestSlapd,
} from '@wombat/plugin-wombat-node-test-utils';
import { execFile } from 'child_process';
import net from 'net';
import { promisify } from 'util';
import { INVALID_CREDENTIALS_MESSAGE } from './errors';
import { LdapCredentialsVerifier } from './LdapCredentialsVerifier';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const JDOE_DN = 'uid=jdoe,ou=people,dc=acme,dc=example';

const INJECTION_USERNAMES = [
  '*',
  'j*',
  '*)(uid=*',
  'jdoe)(|(uid=*',
  'jdoe)(uid=*))(|(uid=*',
  '*)(|(objectClass=*)',
  'jdoe\\',
  'jdoe\u0000',
  '(uid=jdoe)',
];

function refusal(): Error {
  return expect.objectContaining({
    name: 'AuthenticationError',
    message: INVALID_CREDENTIALS_MESSAGE,
  });
}

describe('LdapCredentialsVerifier', () => {
  let slapd: TestSlapd;
  beforeAll(async () => {
    slapd = await startTestSlapd();
  });
  afterAll(() => slapd.stop());

  function verifier(
    extra: ConfigData = {},
    options: { now?: () => number; logger?: any } = {},
  ) {
    return LdapCredentialsVerifier.fromConfig(
      new ConfigReader({
        url: slapd.url,
        bindDn: slapd.bindDn,
        bindPassword: slapd.bindPassword,
        searchBase: 'ou=people,dc=acme,dc=example',
        searchFilter: '(objectClass=inetOrgPerson)',
        rateLimit: { maxFailures: 1000 },
        ...extra,
      }),
      options,
    );
  }

  it('finds jdoe and binds as her', async () => {
    await expect(verifier().verify('jdoe', 'jdoe-password')).resolves.toEqual({
      dn: JDOE_DN,
      username: 'jdoe',
      attributes: {
        uid: ['jdoe'],
        cn: ['Jane Doe'],
        displayname: ['Jane Doe'],
        mail: ['jdoe@acme.example'],
      },
    });
  });

  it('answers with the username as the directory spells it', async () => {
    const result = await verifier().verify('JDoe', 'jdoe-password');
    expect(result.username).toBe('jdoe');
    expect(result.dn).toBe(JDOE_DN);
  });

  it('searches anonymously when no service account is configured', async () => {
    const result = await verifier({
      bindDn: undefined,
      bindPassword: undefined,
    } as any).verify('kim', 'kim-password');
    expect(result.username).toBe('kim');
  });

  it('refuses a wrong password and an unknown user with the same error', async () => {
    const v = verifier();
    const wrongPassword = await v.verify('jdoe', 'kim-password').catch(e => e);
    const unknownUser = await v.verify('nobody', 'jdoe-password').catch(e => e);
    expect(wrongPassword).toEqual(refusal());
    expect(unknownUser).toEqual(refusal());
    expect(unknownUser.message).toBe(wrongPassword.message);
    expect(unknownUser.cause).toBeUndefined();
    expect(wrongPassword.cause).toBeUndefined();
  });

  it.each(INJECTION_USERNAMES)(
    'never signs in the username %j, whatever the password',
    async username => {
      const v = verifier();
      for (const password of [
        'jdoe-password',
        'kim-password',
        'evil-password',
        'x',
        '*',
      ]) {
        await expect(v.verify(username, password)).rejects.toEqual(refusal());
      }
    },
  );

  it('matches the username as a literal value, not as a pattern', async () => {
    // The user evil has cn "*": a search on cn for "*" finds exactly it. If
    // "*" were a wildcard, every user would match and the sign-in fail.
    const v = verifier({ searchAttribute: 'cn' });
    const evil = await v.verify('*', 'evil-password');
    expect(evil.dn).toBe('uid=evil,ou=people,dc=acme,dc=example');
    expect(evil.username).toBe('*');
    await expect(v.verify('*', 'jdoe-password')).rejects.toEqual(refusal());
    await expect(v.verify('Jane*', 'jdoe-password')).rejects.toEqual(refusal());
  });

  it('refuses an empty password before asking a server that would accept it', async () => {
    // This server treats a bind with a DN and no password as anonymous and
    // successful, as RFC 4513 allows and some directories do.
    const lenient = await startTestSlapd({
      globalConfig: ['allow bind_anon_dn'],
    });
    try {
      const { stdout } = await promisify(execFile)('ldapwhoami', [
        '-x',
        '-H',
        lenient.url,
        '-D',
        JDOE_DN,
        '-w',
        '',
      ]);
      expect(stdout.trim()).toBe('anonymous');

      const v = LdapCredentialsVerifier.fromConfig(
        new ConfigReader({
          url: lenient.url,
          searchBase: 'dc=acme,dc=example',
        }),
      );
      await expect(v.verify('jdoe', '')).rejects.toEqual(refusal());
      await expect(v.verify('', '')).rejects.toEqual(refusal());
      await expect(v.verify('  ', 'jdoe-password')).rejects.toEqual(refusal());
      await expect(v.verify('jdoe', 'jdoe-password')).resolves.toMatchObject({
        username: 'jdoe',
      });
    } finally {
      await lenient.stop();
    }
  });

  it('applies the search filter', async () => {
    const v = verifier({
      searchFilter: `
        (&
          (objectClass=inetOrgPerson)
          (!(uid=victor))
        )`,
    });
    await expect(v.verify('victor', 'victor-password')).rejects.toEqual(
      refusal(),
    );
    await expect(v.verify('tom', 'tom-password')).resolves.toMatchObject({
      username: 'tom',
    });
  });

  it('refuses a username that matches more than one entry', async () => {
    // Every user has objectClass inetOrgPerson: the search finds more than
    // one entry, so no one is signed in, not even the first of them.
    const v = verifier({
      searchBase: 'dc=acme,dc=example',
      searchFilter: undefined,
      searchAttribute: 'objectClass',
    } as any);
    await expect(v.verify('inetOrgPerson', 'jdoe-password')).rejects.toEqual(
      refusal(),
    );
  });

  describe('when the directory cannot answer', () => {
    it('gives 503 for a closed port, and logs the reason without the password', async () => {
      const stopped = await startTestSlapd();
      await stopped.stop();
      const logger = mockServices.logger.mock();
      const v = LdapCredentialsVerifier.fromConfig(
        new ConfigReader({
          url: stopped.url,
          bindDn: stopped.bindDn,
          bindPassword: 'service-secret',
          searchBase: 'dc=acme,dc=example',
        }),
        { logger },
      );
      const error = await v.verify('jdoe', 'jdoe-password').catch(e => e);
      expect(error.name).toBe('ServiceUnavailableError');
      expect(error.message).toBe('The LDAP server is not available');
      expect(error.message).not.toContain('127.0.0.1');
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('bind as the service account'),
        { error: expect.stringContaining('ECONNREFUSED') },
      );
      const logged = JSON.stringify(logger.error.mock.calls);
      expect(logged).not.toContain('jdoe-password');
      expect(logged).not.toContain('service-secret');
    });

    it('gives 503 when the server does not answer in time', async () => {
      const sockets = new Set<net.Socket>();
      const silent = net.createServer(socket => sockets.add(socket));
      await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
      const { port } = silent.address() as net.AddressInfo;
      try {
        const v = LdapCredentialsVerifier.fromConfig(
          new ConfigReader({
            url: `ldap://127.0.0.1:${port}`,
            searchBase: 'dc=acme,dc=example',
            timeoutMs: 300,
          }),
        );
        const started = Date.now();
        await expect(v.verify('jdoe', 'jdoe-password')).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
        });
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        sockets.forEach(s => s.destroy());
        await new Promise(r => silent.close(r));
      }
    });

    it('gives 503 when the service account is refused', async () => {
      const v = verifier({ bindPassword: 'not-the-admin-password' });
      await expect(v.verify('jdoe', 'jdoe-password')).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
      });
    });

    it('does not count such failures against the username', async () => {
      const stopped = await startTestSlapd();
      await stopped.stop();
      const v = LdapCredentialsVerifier.fromConfig(
        new ConfigReader({
          url: stopped.url,
          searchBase: 'dc=acme,dc=example',
          rateLimit: { maxFailures: 1 },
        }),
      );
      for (let i = 0; i < 3; i++) {
        await expect(v.verify('jdoe', 'x')).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
        });
      }
    });
  });

  describe('rate limiting', () => {
    it('refuses a username after 3 failures within 5 minutes, even with the right password', async () => {
      let now = 1_000_000;
      const v = verifier({ rateLimit: {} }, { now: () => now });
      for (let i = 0; i < 3; i++) {
        await expect(v.verify('jdoe', `guess-${i}`)).rejects.toEqual(refusal());
        now += 10_000;
      }
      const throttled = await v.verify('jdoe', 'jdoe-password').catch(e => e);
      expect(throttled).toMatchObject({
        name: 'TooManySignInAttemptsError',
        statusCode: 429,
        retryAfterSeconds: 270,
      });
      // The same user spelled differently shares the count; others do not.
      await expect(v.verify(' JDOE', 'jdoe-password')).rejects.toMatchObject({
        name: 'TooManySignInAttemptsError',
      });
      await expect(v.verify('kim', 'kim-password')).resolves.toMatchObject({
        username: 'kim',
      });

      now += 270_000;
      await expect(v.verify('jdoe', 'jdoe-password')).resolves.toMatchObject({
        username: 'jdoe',
      });
    });

    it('lets no more guesses through at once than it allows one after another', async () => {
      const v = verifier({ rateLimit: {} });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          v.verify('linus', `guess-${i}`).catch(e => e.name),
        ),
      );
      expect(results.filter(r => r === 'AuthenticationError')).toHaveLength(3);
      expect(
        results.filter(r => r === 'TooManySignInAttemptsError'),
      ).toHaveLength(7);
    });

    it('counts unknown users like known ones', async () => {
      const now = 5_000_000;
      const v = verifier({ rateLimit: {} }, { now: () => now });
      for (let i = 0; i < 3; i++) {
        await expect(v.verify('ghost', 'x')).rejects.toEqual(refusal());
      }
      await expect(v.verify('ghost', 'x')).rejects.toMatchObject({
        name: 'TooManySignInAttemptsError',
      });
    });

    it('forgets the failures after a success', async () => {
      const now = 9_000_000;
      const v = verifier({ rateLimit: {} }, { now: () => now });
      for (let round = 0; round < 3; round++) {
        await expect(v.verify('maria', 'wrong')).rejects.toEqual(refusal());
        await expect(v.verify('maria', 'wrong')).rejects.toEqual(refusal());
        await expect(
          v.verify('maria', 'maria-password'),
        ).resolves.toMatchObject({ username: 'maria' });
      }
    });
  });
});
