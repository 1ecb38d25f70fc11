import { ConflictError, NotFoundError } from '@backstage/errors';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import { LdapAuthResult } from './LdapCredentialsVerifier';
import { ldapSignInResolvers } from './resolvers';

const JDOE_DN = 'uid=jdoe,ou=people,dc=acme,dc=example';

const result: LdapAuthResult = {
  dn: JDOE_DN,
  username: 'jdoe',
  searchAttribute: 'uid',
  attributes: { uid: ['jdoe', 'jane'] },
};

function user(name: string, dn?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/ldap-rdn': name,
        ...(dn ? { 'backstage.io/ldap-dn': dn } : {}),
      },
    },
    spec: {},
  };
}

describe('ldapSignInResolvers', () => {
  const signInWithCatalogUser = jest.fn(async () => ({ token: 't' }));
  const findCatalogUser = jest.fn();
  const ctx = {
    signInWithCatalogUser,
    findCatalogUser,
  } as unknown as AuthResolverContext;
  beforeEach(() => jest.clearAllMocks());

  it.each([
    [
      'ldapUidMatchingUserEntityAnnotation',
      { annotations: { 'backstage.io/ldap-rdn': 'jdoe' } },
    ],
    ['usernameMatchingUserEntityName', { entityRef: { name: 'jdoe' } }],
  ] as const)('%s looks the user up by %j', async (name, query) => {
    const resolver = ldapSignInResolvers[name]();
    await expect(resolver({ profile: {}, result }, ctx)).resolves.toEqual({
      token: 't',
    });
    expect(signInWithCatalogUser).toHaveBeenCalledWith(query);
  });

  describe('ldapDnMatchingUserEntityAnnotation', () => {
    const resolver = ldapSignInResolvers.ldapDnMatchingUserEntityAnnotation();

    it('signs in the catalog user ingested from the same DN', async () => {
      findCatalogUser.mockResolvedValue({
        entity: user('jdoe', 'UID=jdoe, ou=People,dc=acme,dc=example'),
      });
      await expect(resolver({ profile: {}, result }, ctx)).resolves.toEqual({
        token: 't',
      });
      // Candidates by every value of the search attribute; commas in a
      // filter value would split it.
      expect(findCatalogUser).toHaveBeenCalledWith({
        filter: [
          { 'metadata.annotations.backstage.io/ldap-rdn': 'jdoe' },
          { 'metadata.annotations.backstage.io/ldap-rdn': 'jane' },
        ],
      });
      expect(signInWithCatalogUser).toHaveBeenCalledWith({
        entityRef: 'user:default/jdoe',
      });
    });

    it('refuses a catalog user of another entry with the same uid', async () => {
      findCatalogUser.mockResolvedValue({
        entity: user('jdoe', 'uid=jdoe,ou=contractors,dc=acme,dc=example'),
      });
      await expect(resolver({ profile: {}, result }, ctx)).rejects.toThrow(
        NotFoundError,
      );
      findCatalogUser.mockResolvedValue({ entity: user('jdoe') });
      await expect(resolver({ profile: {}, result }, ctx)).rejects.toThrow(
        NotFoundError,
      );
      expect(signInWithCatalogUser).not.toHaveBeenCalled();
    });

    it('refuses when several catalog users are candidates', async () => {
      findCatalogUser.mockRejectedValue(
        new ConflictError('User lookup resulted in multiple matches'),
      );
      await expect(resolver({ profile: {}, result }, ctx)).rejects.toThrow(
        NotFoundError,
      );
      expect(signInWithCatalogUser).not.toHaveBeenCalled();
    });
  });
});
