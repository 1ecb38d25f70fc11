import { AuditorService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  isError,
} from '@backstage/errors';
import {
  AuthProviderFactory,
  AuthProviderRouteHandlers,
  ProfileTransform,
  SignInResolver,
  SignInResolverFactory,
  commonSignInResolvers,
  createProxyAuthRouteHandlers,
  readDeclarativeSignInResolver,
} from '@backstage/plugin-auth-node';
import { createLdapAuthenticator } from './authenticator';
import { readBasicCredentials } from './basicCredentials';
import { TooManySignInAttemptsError } from './errors';
import { LdapAuthResult } from './LdapCredentialsVerifier';
import { ldapSignInResolvers } from './resolvers';

/** @public */
export interface LdapProviderFactoryOptions {
  /**
   * The environment used when a request has no `env` query parameter;
   * defaults to `development`. The module passes `auth.environment`.
   */
  defaultEnvironment?: string;
  /** Records every sign-in attempt with the username, never the password. */
  auditor?: AuditorService;
  /** Replaces the resolvers configured under `signIn.resolvers`. */
  signInResolver?: SignInResolver<LdapAuthResult>;
  /** Resolvers that `signIn.resolvers` may name, in addition to the built-in ones. */
  signInResolverFactories?: Record<string, SignInResolverFactory>;
  profileTransform?: ProfileTransform<LdapAuthResult>;
}

const BUILT_IN_RESOLVERS: Record<string, SignInResolverFactory> = {
  ...ldapSignInResolvers,
  emailMatchingUserEntityProfileEmail:
    commonSignInResolvers.emailMatchingUserEntityProfileEmail,
  emailLocalPartMatchingUserEntityName:
    commonSignInResolvers.emailLocalPartMatchingUserEntityName,
};

/**
 * The configured resolvers, tried in order. A user who is in the directory
 * but matches no catalog user is refused with 403, not with a server error.
 */
function readSignInResolver(
  config: Config,
  factories: Record<string, SignInResolverFactory>,
): SignInResolver<LdapAuthResult> {
  const resolver = readDeclarativeSignInResolver<LdapAuthResult>({
    config,
    signInResolverFactories: factories,
  });
  if (!resolver) {
    throw new Error(
      'No sign-in resolver configured: set signIn.resolvers, e.g. [{ resolver: ldapUidMatchingUserEntityAnnotation }]',
    );
  }
  return async (info, ctx) => {
    try {
      return await resolver(info, ctx);
    } catch (error) {
      // Backstage's resolvers say "not found" with a NotFoundError, or with a
      // plain Error once every configured resolver has failed.
      if (isError(error) && ['NotFoundError', 'Error'].includes(error.name)) {
        throw new NotAllowedError(
          `The directory accepted '${info.result.username}', but no matching user was found in the catalog`,
        );
      }
      throw error;
    }
  };
}

/**
 * The `ldap` auth provider: `GET` or `POST /api/auth/ldap/refresh` with
 * `Authorization: Basic` and `X-Requested-With: XMLHttpRequest` answers the
 * session of a proxy provider, `{ profile, backstageIdentity }`. The config
 * is keyed by environment like other Backstage providers
 * (`auth.providers.ldap.<env>`); the `env` query parameter picks one, as the
 * app's OAuth clients send it.
 *
 * @public
 */
export function createLdapProviderFactory(
  options: LdapProviderFactoryOptions = {},
): AuthProviderFactory {
  const factories = {
    ...BUILT_IN_RESOLVERS,
    ...options.signInResolverFactories,
  };
  return ctx => {
    if (ctx.config.has('url')) {
      throw new Error(
        'auth.providers.ldap must be keyed by environment, e.g. auth.providers.ldap.development.url',
      );
    }
    const authenticator = createLdapAuthenticator({ logger: ctx.logger });
    const handlers = new Map<string, AuthProviderRouteHandlers>();
    for (const env of ctx.config.keys()) {
      const envConfig = ctx.config.getConfig(env);
      handlers.set(
        env,
        createProxyAuthRouteHandlers<LdapAuthResult>({
          authenticator,
          config: envConfig,
          resolverContext: ctx.resolverContext,
          signInResolver:
            options.signInResolver ?? readSignInResolver(envConfig, factories),
          profileTransform: options.profileTransform,
        }),
      );
    }

    const defaultEnvironment = options.defaultEnvironment ?? 'development';
    const handlerFor = (env: string) => {
      const handler = handlers.get(env);
      if (!handler?.refresh) {
        throw new NotFoundError(
          `No configuration available for the '${env}' environment of this provider.`,
        );
      }
      return handler.refresh.bind(handler);
    };

    return {
      async start() {
        throw new NotImplementedError(
          'LDAP sign-in has no redirect flow, use /refresh',
        );
      },
      async frameHandler() {
        throw new NotImplementedError(
          'LDAP sign-in has no redirect flow, use /refresh',
        );
      },
      async refresh(req, res) {
        const env = req.query.env?.toString() || defaultEnvironment;
        const refresh = handlerFor(env);
        const username = readBasicCredentials(req)?.username ?? null;
        // Without the request: the auditor would read the caller's Backstage
        // credentials from it, and a stale cookie must not break sign-in.
        const event = await options.auditor?.createEvent({
          eventId: 'ldap-sign-in',
          severityLevel: 'medium',
          meta: { username, environment: env, ip: req.ip ?? null },
        });
        try {
          await refresh(req, res);
        } catch (error) {
          if (error instanceof TooManySignInAttemptsError) {
            res.setHeader('Retry-After', String(error.retryAfterSeconds));
          }
          await event?.fail({
            error: isError(error) ? error : new Error(String(error)),
          });
          throw error;
        }
        await event?.success();
      },
    };
  };
}
