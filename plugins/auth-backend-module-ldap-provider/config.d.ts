export interface Config {
  auth?: {
    providers?: {
      /**
       * Sign-in with an LDAP username and password (provider id `ldap`),
       * keyed by auth environment like other providers, e.g.
       * `auth.providers.ldap.production`. Every environment is checked when
       * the backend starts, but only the one that `auth.environment`
       * (default `development`) names is served; `?env=` naming another one
       * is answered 404.
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
           * Slowing down guessing. Within `windowSeconds`, an account is
           * refused with 429 and `Retry-After` after `maxFailures` failed
           * sign-ins (counted on the typed name folded like the directory
           * compares it, and on the DN of the entry found), a client address
           * after `maxFailuresPerClient`, and everyone after
           * `maxFailuresOverall`. Counts are shared by the replicas through
           * the cache service when `backend.cache.store` is a shared cache,
           * else kept in each instance's memory; a successful sign-in resets
           * the account's count.
           */
          rateLimit?: {
            /** Failures per account within the window; default 3. */
            maxFailures?: number;
            /** The window of every limit, in seconds; default 300 (5 minutes). */
            windowSeconds?: number;
            /**
             * Failures per client address (an IPv6 address by its /64)
             * within the window, whatever the usernames; default 30. The
             * address is the request's, so behind a reverse proxy set
             * `backend.trustProxy`, or every user shares the proxy's budget.
             */
            maxFailuresPerClient?: number;
            /**
             * Failures of all clients together within the window; default
             * 10000. Once it is reached, every sign-in is refused until the
             * budget refills, so set it above the normal rate of failures.
             * It also bounds how much the throttle stores.
             */
            maxFailuresOverall?: number;
          };
          /**
           * The refresh cookie: after a sign-in with the password, the
           * provider sets an HttpOnly, SameSite=Strict cookie for its own
           * path, holding the entry's DN signed with HMAC-SHA256, which the
           * app uses to renew the session instead of the password, as long
           * as the entry still exists and matches `searchFilter`.
           */
          refresh?: {
            /**
             * The key that signs the cookies, at least 32 characters; the
             * same for every replica. Without it each backend instance
             * uses a random key, so a renewal that reaches another instance
             * or follows a restart asks for the password again.
             * @visibility secret
             */
            secret?: string;
            /**
             * How long a sign-in can be renewed without the password, in
             * seconds; default 43200 (12 hours). Renewals do not extend it.
             */
            maxAgeSeconds?: number;
          };
          /** How a directory user becomes a Backstage user. */
          signIn?: {
            /** Tried in order; the first that finds a catalog user wins. */
            resolvers: Array<
              | {
                  /**
                   * The catalog user ingested from the entry that signed in:
                   * its `backstage.io/ldap-dn` annotation equals the entry's
                   * DN. Recommended. Candidates are found by
                   * `backstage.io/ldap-rdn`, so the catalog's `map.rdn` must
                   * be the search attribute.
                   */
                  resolver: 'ldapDnMatchingUserEntityAnnotation';
                }
              | {
                  /**
                   * The catalog user whose `backstage.io/ldap-rdn` annotation
                   * equals the search attribute's value (`uid`). Any entry
                   * with that value signs in as that user; prefer
                   * `ldapDnMatchingUserEntityAnnotation`.
                   */
                  resolver: 'ldapUidMatchingUserEntityAnnotation';
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
