export interface Config {
  auth?: {
    providers?: {
      /**
       * Sign-in with an LDAP username and password (provider id `ldap`),
       * keyed by auth environment like other providers, e.g.
       * `auth.providers.ldap.development`. The app picks the environment with
       * `?env=`; without it, `auth.environment` (default `development`) is
       * used.
       */
      ldap?: {
        [authEnv: string]: {
          /**
           * The directory, `ldap://host[:port]` or `ldaps://host[:port]`
           * (ports 389 and 636 by default).
           */
          url: string;
          /**
           * The DN of a service account that may search for users, e.g.
           * `cn=backstage,ou=services,dc=acme,dc=example` or, for Active
           * Directory, `CN=svc-backstage,OU=Service Accounts,DC=corp,DC=example`
           * (a user principal name such as `svc-backstage@corp.example` also
           * works there). Leave out with `bindPassword` to search anonymously.
           */
          bindDn?: string;
          /**
           * The password of `bindDn`.
           * @visibility secret
           */
          bindPassword?: string;
          /** Where users are searched, e.g. `ou=people,dc=acme,dc=example`. */
          searchBase: string;
          /**
           * `sub` (default) searches the whole subtree below `searchBase`,
           * `one` only its direct children.
           */
          searchScope?: 'one' | 'sub';
          /**
           * The attribute that holds the username: `uid` (default) for
           * OpenLDAP, `sAMAccountName` or `userPrincipalName` for Active
           * Directory. The username is always matched as a literal value.
           */
          searchAttribute?: string;
          /**
           * A filter that every user must also match, e.g.
           * `(objectClass=inetOrgPerson)` or, for Active Directory,
           * `(&(objectClass=user)(objectCategory=person)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))`
           * to leave out disabled accounts. Restricting to a group works with
           * `(memberOf=cn=backstage-users,ou=groups,dc=acme,dc=example)` where
           * the directory has `memberOf`.
           */
          searchFilter?: string;
          /** TLS settings for `ldaps://` URLs. */
          tls?: {
            /**
             * Whether to check the server's certificate (default true). Only
             * turn this off for tests; trust a private CA with the
             * `NODE_EXTRA_CA_CERTS` environment variable instead.
             */
            rejectUnauthorized?: boolean;
          };
          /**
           * How long to wait for the directory to connect and to answer each
           * operation, in milliseconds (default 5000). Sign-in then fails with
           * 503.
           */
          timeoutMs?: number;
          /**
           * Slowing down guessing: after `maxFailures` failed sign-ins for
           * one username within `windowSeconds`, further attempts for that
           * username are refused with 429 and `Retry-After` until the oldest
           * of those failures is older than the window. Counts are kept in
           * memory, per backend instance; a successful sign-in resets them.
           */
          rateLimit?: {
            /** Default 3. */
            maxFailures?: number;
            /** Default 300 (5 minutes). */
            windowSeconds?: number;
          };
          /** How a directory user becomes a Backstage user. */
          signIn?: {
            /** Tried in order; the first that finds a catalog user wins. */
            resolvers: Array<
              | {
                  /**
                   * The catalog user whose `backstage.io/ldap-rdn` annotation
                   * equals the search attribute's value (`uid`).
                   */
                  resolver: 'ldapUidMatchingUserEntityAnnotation';
                }
              | {
                  /**
                   * The catalog user whose `backstage.io/ldap-dn` annotation
                   * equals the entry's DN.
                   */
                  resolver: 'ldapDnMatchingUserEntityAnnotation';
                }
              | {
                  /** The catalog user named like the search attribute's value. */
                  resolver: 'usernameMatchingUserEntityName';
                }
              | {
                  /** The catalog user whose `spec.profile.email` equals `mail`. */
                  resolver: 'emailMatchingUserEntityProfileEmail';
                  allowedDomains?: string[];
                  dangerouslyAllowSignInWithoutUserInCatalog?: boolean;
                }
              | {
                  /** The catalog user named like the local part of `mail`. */
                  resolver: 'emailLocalPartMatchingUserEntityName';
                  allowedDomains?: string[];
                  dangerouslyAllowSignInWithoutUserInCatalog?: boolean;
                }
            >;
          };
        };
      };
    };
  };
}
