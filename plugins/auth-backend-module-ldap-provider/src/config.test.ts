import { ConfigReader } from '@backstage/config';
import { readLdapProviderConfig } from './config';

const base = {
  url: 'ldaps://dc1.corp.example',
  searchBase: 'DC=corp,DC=example',
};

describe('readLdapProviderConfig', () => {
  it('fills in the defaults', () => {
    const config = readLdapProviderConfig(new ConfigReader(base));
    expect(config).toEqual({
      url: 'ldaps://dc1.corp.example',
      bind: undefined,
      searchBase: 'DC=corp,DC=example',
      searchScope: 'sub',
      searchAttribute: 'uid',
      searchFilter: undefined,
      tls: undefined,
      timeoutMs: 5000,
      rateLimit: {
        maxFailures: 3,
        windowSeconds: 300,
        maxFailuresPerClient: 30,
        maxFailuresOverall: 10_000,
      },
      refresh: { secret: undefined, maxAgeSeconds: 43_200 },
    });
  });

  it('reads the limits and the refresh cookie', () => {
    const config = readLdapProviderConfig(
      new ConfigReader({
        ...base,
        rateLimit: {
          maxFailures: 5,
          windowSeconds: 600,
          maxFailuresPerClient: 50,
          maxFailuresOverall: 2000,
        },
        refresh: { secret: 's'.repeat(32), maxAgeSeconds: 3600 },
      }),
    );
    expect(config.rateLimit).toEqual({
      maxFailures: 5,
      windowSeconds: 600,
      maxFailuresPerClient: 50,
      maxFailuresOverall: 2000,
    });
    expect(config.refresh).toEqual({
      secret: 's'.repeat(32),
      maxAgeSeconds: 3600,
    });
  });

  it('reads an Active Directory setup with a multi-line filter', () => {
    const config = readLdapProviderConfig(
      new ConfigReader({
        ...base,
        bindDn: 'svc-backstage@corp.example',
        bindPassword: 'secret',
        searchAttribute: 'sAMAccountName',
        searchFilter: `
          (&
            (objectClass=user)
            (objectCategory=person)
          )`,
        tls: { rejectUnauthorized: false },
        timeoutMs: 2000,
      }),
    );
    expect(config.bind).toEqual({
      dn: 'svc-backstage@corp.example',
      password: 'secret',
    });
    expect(config.searchAttribute).toBe('sAMAccountName');
    expect(config.searchFilter?.toString()).toBe(
      '(&(objectClass=user)(objectCategory=person))',
    );
    expect(config.tls).toEqual({ rejectUnauthorized: false });
    expect(config.timeoutMs).toBe(2000);
  });

  it.each([
    [{ url: 'http://dc1' }, /must be ldap:\/\/host/],
    [{ url: 'ldap://dc1/dc=x' }, /must be ldap:\/\/host/],
    [{ bindDn: 'cn=svc' }, /bindDn and bindPassword must be given together/],
    [{ bindPassword: 'x' }, /bindDn and bindPassword must be given together/],
    [{ searchAttribute: 'uid)(cn' }, /is not an attribute name/],
    [
      { searchFilter: '(&(objectClass=user)' },
      /Invalid config at searchFilter/,
    ],
    [{ searchFilter: 'objectClass=user' }, /Invalid config at searchFilter/],
    [{ searchFilter: '(foo)' }, /Invalid config at searchFilter/],
    [{ searchScope: 'base' }, /must be 'one' or 'sub'/],
    [{ timeoutMs: 0 }, /timeoutMs: must be a positive number/],
    [
      { rateLimit: { maxFailures: 1.5 } },
      /maxFailures: must be a positive integer/,
    ],
    [
      { rateLimit: { maxFailuresPerClient: 0 } },
      /maxFailuresPerClient: must be a positive integer/,
    ],
    [
      { rateLimit: { maxFailuresOverall: -1 } },
      /maxFailuresOverall: must be a positive integer/,
    ],
    [{ refresh: { secret: 'short' } }, /refresh.secret: must be at least 32/],
    [{ refresh: { maxAgeSeconds: 0 } }, /maxAgeSeconds: must be a positive/],
  ])('refuses %j', (extra, message) => {
    expect(() =>
      readLdapProviderConfig(new ConfigReader({ ...base, ...extra })),
    ).toThrow(message);
  });
});
