import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DEMO_LDAP_LDIF,
  startTestSlapd,
  TestSlapd,
} from '@wombat/plugin-wombat-node-test-utils';
import { execFile } from 'child_process';
import { Client } from 'ldapts';
import net from 'net';
import { promisify } from 'util';
import { JDOE_VARIANTS } from './__testUtils__/jdoeVariants';
import { INVALID_CREDENTIALS_MESSAGE } from './errors';
import {
  LdapCredentialsVerifier,
  LdapCredentialsVerifierOptions,
} from './LdapCredentialsVerifier';
import { MemorySignInThrottleStore } from './throttle/MemorySignInThrottleStore';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const JDOE_DN = 'uid=jdoe,ou=people,dc=acme,dc=example';

// An entry with two values of uid: two names, one account.
const MULTI_UID_LDIF = `
dn: uid=nora,ou=people,dc=acme,dc=example
objectClass: inetOrgPerson
uid: nora
uid: nora.berg
cn: Nora Berg
sn: Berg
userPassword: nora-password
`;

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
    slapd = await startTestSlapd({ ldif: DEMO_LDAP_LDIF + MULTI_UID_LDIF });
  });
  afterAll(() => slapd.stop());
  afterEach(() => jest.restoreAllMocks());

  function verifier(
    extra: ConfigData = {},
    options: LdapCredentialsVerifierOptions = {},
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
      searchAttribute: 'uid',
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
    const throttled = () =>
      expect.objectContaining({
        name: 'TooManySignInAttemptsError',
        statusCode: 429,
      });

    it('refuses a username after 3 failures within 5 minutes, even with the right password', async () => {
      let now = 1_000_000;
      const v = verifier({ rateLimit: {} }, { now: () => now });
      for (let i = 0; i < 3; i++) {
        await expect(v.verify('jdoe', `guess-${i}`)).rejects.toEqual(refusal());
        now += 10_000;
      }
      await expect(v.verify('jdoe', 'jdoe-password')).rejects.toMatchObject({
        name: 'TooManySignInAttemptsError',
        statusCode: 429,
        retryAfterSeconds: 270,
      });
      // The same user spelled differently shares the count; others do not.
      await expect(v.verify(' JDOE', 'jdoe-password')).rejects.toEqual(
        throttled(),
      );
      await expect(v.verify('kim', 'kim-password')).resolves.toMatchObject({
        username: 'kim',
      });

      now += 270_000;
      await expect(v.verify('jdoe', 'jdoe-password')).resolves.toMatchObject({
        username: 'jdoe',
      });
    });

    it('refuses the Unicode spellings of a locked user, which the directory resolves to her', async () => {
      let now = 2_000_000;
      const v = verifier({ rateLimit: {} }, { now: () => now });
      // The directory does find jdoe by each of them.
      for (const variant of [...JDOE_VARIANTS, 'ｊｄｏｅ']) {
        await expect(v.verify(variant, 'jdoe-password')).resolves.toMatchObject(
          { dn: JDOE_DN, username: 'jdoe' },
        );
      }
      for (let i = 0; i < 3; i++) {
        await expect(v.verify('jdoe', `bad-${i}`)).rejects.toEqual(refusal());
      }
      // The review's case: 24 more guesses through 8 variants, all refused
      // before the directory is asked, and the right password too.
      const bind = jest.spyOn(Client.prototype, 'bind');
      for (const variant of JDOE_VARIANTS) {
        for (let i = 0; i < 3; i++) {
          await expect(v.verify(variant, `g${i}`)).rejects.toEqual(throttled());
        }
      }
      await expect(v.verify('ｊｄｏｅ', 'jdoe-password')).rejects.toEqual(
        throttled(),
      );
      expect(bind).not.toHaveBeenCalled();

      now += 300_000;
      await expect(
        v.verify('ｊｄｏｅ', 'jdoe-password'),
      ).resolves.toMatchObject({
        username: 'jdoe',
      });
    });

    it('refuses every name of an entry once the entry is locked', async () => {
      const v = verifier({ rateLimit: {} });
      await expect(v.verify('nora', 'x1')).rejects.toEqual(refusal());
      await expect(v.verify('nora.berg', 'x2')).rejects.toEqual(refusal());
      await expect(v.verify('nora', 'x3')).rejects.toEqual(refusal());
      await expect(v.verify('nora.berg', 'nora-password')).rejects.toEqual(
        throttled(),
      );
    });

    it('does not let 10 000 made-up names reset a lock, and keeps its memory bounded', async () => {
      const now = 3_000_000;
      const store = new MemorySignInThrottleStore({ now: () => now });
      const v = verifier(
        { rateLimit: { maxFailuresOverall: 200 } },
        { now: () => now, throttleStore: store },
      );
      for (let i = 0; i < 3; i++) {
        await expect(
          v.verify('jdoe', `bad-${i}`, { clientAddress: '198.51.100.7' }),
        ).rejects.toEqual(refusal());
      }
      const answers = new Map<string, number>();
      for (let i = 0; i < 10_000; i++) {
        const error = await v
          .verify(`junk-${i}-${'x'.repeat(200)}`, 'p', {
            clientAddress: `10.0.${i >> 8}.${i & 255}`,
          })
          .catch(e => e);
        answers.set(error.name, (answers.get(error.name) ?? 0) + 1);
      }
      expect(answers.get('AuthenticationError')).toBe(200 - 3);
      expect(answers.get('TooManySignInAttemptsError')).toBe(10_000 - 197);
      expect(store.size).toBeLessThanOrEqual(2 * 200 + 1);
      await expect(
        v.verify('jdoe', 'jdoe-password', { clientAddress: '203.0.113.1' }),
      ).rejects.toEqual(throttled());
    });

    it('neither counts nor remembers malformed usernames, and sends them nowhere', async () => {
      const store = new MemorySignInThrottleStore();
      const v = verifier(
        { rateLimit: { maxFailuresPerClient: 3 } },
        { throttleStore: store },
      );
      const bind = jest.spyOn(Client.prototype, 'bind');
      for (let i = 0; i < 100; i++) {
        await expect(
          v.verify(`${i}${'A'.repeat(12_000)}`, 'p', {
            clientAddress: '192.0.2.5',
          }),
        ).rejects.toEqual(refusal());
        await expect(
          v.verify(' \u3000 ', 'p', { clientAddress: '192.0.2.5' }),
        ).rejects.toEqual(refusal());
        await expect(
          v.verify('jdoe', '', { clientAddress: '192.0.2.5' }),
        ).rejects.toEqual(refusal());
      }
      expect(store.size).toBe(0);
      expect(bind).not.toHaveBeenCalled();
      await expect(
        v.verify('jdoe', 'jdoe-password', { clientAddress: '192.0.2.5' }),
      ).resolves.toMatchObject({ username: 'jdoe' });
    });

    it('limits the failures of one client address across usernames', async () => {
      const v = verifier({ rateLimit: { maxFailuresPerClient: 4 } });
      for (let i = 0; i < 4; i++) {
        await expect(
          v.verify(['ada', 'linus', 'tom', 'ghost'][i], 'x', {
            clientAddress: '192.0.2.9',
          }),
        ).rejects.toEqual(refusal());
      }
      await expect(
        v.verify('sofia', 'sofia-password', { clientAddress: '192.0.2.9' }),
      ).rejects.toEqual(throttled());
      await expect(
        v.verify('sofia', 'sofia-password', { clientAddress: '192.0.2.10' }),
      ).resolves.toMatchObject({ username: 'sofia' });
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
      await expect(v.verify('ghost', 'x')).rejects.toEqual(throttled());
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

    it('counts a right password as a failure when the caller rejects the sign-in', async () => {
      const v = verifier({ rateLimit: {} });
      for (let i = 0; i < 3; i++) {
        const pending = await v.check('tom', 'tom-password');
        await pending.reject();
      }
      await expect(v.check('tom', 'tom-password')).rejects.toEqual(throttled());
    });

    it('fails closed when its store cannot be read', async () => {
      const logger = mockServices.logger.mock();
      const v = verifier(
        {},
        {
          logger,
          throttleStore: {
            get: async () => {
              throw new Error('ECONNREFUSED redis:6379');
            },
            set: async () => {},
            delete: async () => {},
          },
        },
      );
      const error = await v.verify('jdoe', 'jdoe-password').catch(e => e);
      expect(error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: 'The LDAP server is not available',
      });
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('read the sign-in throttle'),
        { error: 'ECONNREFUSED redis:6379' },
      );
    });
  });

  describe('timing', () => {
    function bindsOf(spy: jest.SpyInstance) {
      return spy.mock.calls.map(([dn]) => String(dn));
    }

    it('binds for an unknown user as it does for a wrong password', async () => {
      const v = verifier();
      const bind = jest.spyOn(Client.prototype, 'bind');

      await expect(v.verify('jdoe', 'wrong')).rejects.toEqual(refusal());
      const wrongPassword = bindsOf(bind);
      bind.mockClear();
      await expect(v.verify('nobody', 'wrong')).rejects.toEqual(refusal());
      const unknownUser = bindsOf(bind);
      bind.mockClear();
      // A name that matches several entries is refused the same way.
      await expect(
        verifier({
          searchAttribute: 'objectClass',
          searchFilter: undefined,
        } as any).verify('inetOrgPerson', 'wrong'),
      ).rejects.toEqual(refusal());
      const ambiguous = bindsOf(bind);

      const absent = expect.stringMatching(
        /^cn=no-such-user-[0-9a-f]+,ou=people,dc=acme,dc=example$/,
      );
      expect(wrongPassword).toEqual([slapd.bindDn, JDOE_DN]);
      expect(unknownUser).toEqual([slapd.bindDn, absent]);
      expect(ambiguous).toEqual([slapd.bindDn, absent]);
    });

    it('takes about as long for an unknown user as for a wrong password', async () => {
      const v = verifier({
        rateLimit: { maxFailures: 1000, maxFailuresPerClient: 1000 },
      });
      const median = (times: number[]) =>
        [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
      const time = async (username: string) => {
        const started = process.hrtime.bigint();
        await v.verify(username, 'wrong').catch(() => {});
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 40; i++) {
        known.push(await time(`ada`));
        unknown.push(await time(`nobody-${i}`));
      }
      // Before, an unknown user cost a search only, about half as much.
      // Generous bounds: the machine running the tests is shared.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.7);
    });
  });

  describe('lookup', () => {
    it('reads the entry of a DN that still exists with the username', async () => {
      await expect(verifier().lookup(JDOE_DN, 'jdoe')).resolves.toEqual({
        dn: JDOE_DN,
        username: 'jdoe',
        searchAttribute: 'uid',
        attributes: expect.objectContaining({ uid: ['jdoe'] }),
      });
      await expect(
        verifier().lookup('uid=nora,ou=people,dc=acme,dc=example', 'nora.berg'),
      ).resolves.toMatchObject({ username: 'nora.berg' });
    });

    it('finds nothing for a missing entry, a filtered one or another username', async () => {
      const v = verifier({
        searchFilter: '(&(objectClass=inetOrgPerson)(!(uid=victor)))',
      });
      await expect(
        v.lookup('uid=gone,ou=people,dc=acme,dc=example', 'gone'),
      ).resolves.toBeUndefined();
      await expect(
        v.lookup('uid=victor,ou=people,dc=acme,dc=example', 'victor'),
      ).resolves.toBeUndefined();
      await expect(v.lookup(JDOE_DN, 'kim')).resolves.toBeUndefined();
    });
  });
});
