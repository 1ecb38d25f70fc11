import { AuditorService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError, NotImplementedError } from '@backstage/errors';
import {
  AuthProviderFactory,
  ProfileTransform,
  SignInResolver,
  SignInResolverFactory,
  commonSignInResolvers,
  readDeclarativeSignInResolver,
} from '@backstage/plugin-auth-node';
import { ldapDefaultProfileTransform } from './authenticator';
import { readLdapProviderConfig } from './config';
import { ProviderRequest } from './http';
import {
  LdapAuthResult,
  LdapCredentialsVerifier,
} from './LdapCredentialsVerifier';
import { LdapSignInRoutes } from './LdapSignInRoutes';
import { RefreshCookie } from './RefreshCookie';
import { ldapSignInResolvers } from './resolvers';
import { MemorySignInThrottleStore } from './throttle/MemorySignInThrottleStore';
import { SignInThrottleStore } from './throttle/SignInThrottleStore';

/** @public */
export interface LdapProviderFactoryOptions {
  /**
   * The one environment that is served, `auth.environment`; defaults to
   * `development`. The module passes `auth.environment`.
   */
  defaultEnvironment?: string;
  /** Records every sign-in attempt with the username, never the password. */
  auditor?: AuditorService;
  /**
   * Where the sign-in throttle keeps its counts; by default in this process.
   * The module uses the cache service when one is configured.
   */
  throttleStore?: SignInThrottleStore;
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
      'No sign-in resolver configured: set signIn.resolvers, e.g. [{ resolver: ldapDnMatchingUserEntityAnnotation }]',
    );
  }
  return resolver;
}

/**
 * The `ldap` auth provider: `GET` or `POST /api/auth/ldap/refresh` with
 * `Authorization: Basic` and `X-Requested-With: XMLHttpRequest` answers the
 * session of a proxy provider, `{ profile, backstageIdentity }`, and sets a
 * refresh cookie that later calls of `/refresh` use instead of the password.
 * `POST /api/auth/ldap/logout` deletes it.
 *
 * The config is keyed by environment like other Backstage providers
 * (`auth.providers.ldap.<env>`). Every environment is checked when the
 * backend starts, but only `auth.environment` is served: an `env` query
 * parameter naming any other one is answered 404, so that a forgotten
 * `development` entry cannot be reached in production.
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
    const environment = options.defaultEnvironment ?? 'development';
    const throttleStore =
      options.throttleStore ?? new MemorySignInThrottleStore();

    let routes: LdapSignInRoutes | undefined;
    for (const env of ctx.config.keys()) {
      const envConfig = ctx.config.getConfig(env);
      const providerConfig = readLdapProviderConfig(envConfig);
      const signInResolver =
        options.signInResolver ?? readSignInResolver(envConfig, factories);
      if (env !== environment) {
        continue;
      }
      routes = new LdapSignInRoutes({
        environment: env,
        verifier: LdapCredentialsVerifier.create(providerConfig, {
          logger: ctx.logger,
          throttleStore,
          throttleNamespace: `ldap-sign-in:${ctx.providerId}:${env}`,
        }),
        refreshCookie: RefreshCookie.create({
          providerId: ctx.providerId,
          environment: env,
          authBaseUrl: ctx.baseUrl,
          ...providerConfig.refresh,
        }),
        signInResolver,
        profileTransform:
          options.profileTransform ?? ldapDefaultProfileTransform,
        resolverContext: ctx.resolverContext,
        logger: ctx.logger,
        auditor: options.auditor,
      });
      if (!providerConfig.refresh.secret) {
        ctx.logger.info(
          `LDAP sign-in has no refresh.secret for '${env}': its refresh cookies are only valid in this backend instance, until it restarts`,
        );
      }
    }
    if (!routes) {
      ctx.logger.warn(
        `auth.providers.${ctx.providerId} has no config for auth.environment '${environment}', so LDAP sign-in answers 404`,
      );
    }

    const routesFor = (req: ProviderRequest) => {
      const env = req.query.env?.toString() || environment;
      if (env !== environment || !routes) {
        throw new NotFoundError(
          `No configuration available for the '${env}' environment of this provider.`,
        );
      }
      return routes;
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
        await routesFor(req).refresh(req, res);
      },
      async logout(req, res) {
        await routesFor(req).logout(req, res);
      },
    };
  };
}
