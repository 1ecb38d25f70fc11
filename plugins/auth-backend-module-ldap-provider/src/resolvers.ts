import { stringifyEntityRef } from '@backstage/catalog-model';
import { isError, NotFoundError } from '@backstage/errors';
import { createSignInResolverFactory } from '@backstage/plugin-auth-node';
import { foldDn } from './folding';
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
   * Signs in the catalog user that was ingested from the very entry that
   * signed in: its `backstage.io/ldap-dn` annotation must equal the entry's
   * DN. The recommended resolver: a DN names one entry, and users cannot
   * change it, while a uid can have several values or be writable.
   *
   * Backstage's catalog filters split values at commas, so a DN cannot be
   * looked up directly: the candidates are found by `backstage.io/ldap-rdn`
   * (the values of the search attribute; set the catalog's `map.rdn` to the
   * same attribute) and then compared by DN. Several candidates are a
   * refusal, never "the first one".
   */
  export const ldapDnMatchingUserEntityAnnotation =
    createSignInResolverFactory<LdapAuthResult>({
      create() {
        return async (info, ctx) => {
          const { dn, username, searchAttribute, attributes } = info.result;
          const names = new Set([
            username,
            ...(attributes[searchAttribute.toLowerCase()] ?? []),
          ]);
          let entity;
          try {
            ({ entity } = await ctx.findCatalogUser({
              filter: [...names].map(name => ({
                [`metadata.annotations.${LDAP_RDN_ANNOTATION}`]: name,
              })),
            }));
          } catch (error) {
            if (isError(error) && error.name === 'ConflictError') {
              throw new NotFoundError(
                `Several catalog users have the ${LDAP_RDN_ANNOTATION} of ${dn}`,
              );
            }
            throw error;
          }
          const entityDn = entity.metadata.annotations?.[LDAP_DN_ANNOTATION];
          if (!entityDn || foldDn(entityDn) !== foldDn(dn)) {
            throw new NotFoundError(
              `No catalog user has the ${LDAP_DN_ANNOTATION} ${dn}`,
            );
          }
          return ctx.signInWithCatalogUser({
            entityRef: stringifyEntityRef(entity),
          });
        };
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
