import { createSignInResolverFactory } from '@backstage/plugin-auth-node';
import { LdapAuthResult } from './LdapCredentialsVerifier';

/**
 * Annotations that `@backstage/plugin-catalog-backend-module-ldap` sets on
 * the users it ingests.
 */
const LDAP_RDN_ANNOTATION = 'backstage.io/ldap-rdn';
const LDAP_DN_ANNOTATION = 'backstage.io/ldap-dn';

/**
 * Sign-in resolvers for the LDAP provider.
 *
 * @public
 */
export namespace ldapSignInResolvers {
  /**
   * Signs in the catalog user whose `backstage.io/ldap-rdn` annotation equals
   * the value of the search attribute in the user's entry, e.g. `uid: jdoe`.
   * The catalog's LDAP provider writes its `map.rdn` attribute (default
   * `uid`) to that annotation, so both must name the same attribute.
   */
  export const ldapUidMatchingUserEntityAnnotation =
    createSignInResolverFactory<LdapAuthResult>({
      create() {
        return async (info, ctx) =>
          ctx.signInWithCatalogUser({
            annotations: { [LDAP_RDN_ANNOTATION]: info.result.username },
          });
      },
    });

  /**
   * Signs in the catalog user whose `backstage.io/ldap-dn` annotation equals
   * the DN of the user's entry.
   */
  export const ldapDnMatchingUserEntityAnnotation =
    createSignInResolverFactory<LdapAuthResult>({
      create() {
        return async (info, ctx) =>
          ctx.signInWithCatalogUser({
            annotations: { [LDAP_DN_ANNOTATION]: info.result.dn },
          });
      },
    });

  /**
   * Signs in the catalog user named like the value of the search attribute,
   * `user:default/jdoe` for `uid: jdoe`.
   */
  export const usernameMatchingUserEntityName =
    createSignInResolverFactory<LdapAuthResult>({
      create() {
        return async (info, ctx) =>
          ctx.signInWithCatalogUser({
            entityRef: { name: info.result.username },
          });
      },
    });
}
