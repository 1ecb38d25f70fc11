import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError, isError } from '@backstage/errors';
import {
  AuthResolverContext,
  ClientAuthResponse,
  ProfileTransform,
  SignInResolver,
  prepareBackstageIdentityResponse,
} from '@backstage/plugin-auth-node';
import { BasicCredentials, readBasicCredentials } from './basicCredentials';
import { invalidCredentials, TooManySignInAttemptsError } from './errors';
import { ProviderRequest, ProviderResponse } from './http';
import {
  LdapAuthResult,
  LdapCredentialsVerifier,
} from './LdapCredentialsVerifier';
import { RefreshCookie } from './RefreshCookie';

/** @internal */
export const SIGN_IN_AGAIN_MESSAGE =
  'The sign-in has ended, sign in again with your username and password';

const NO_CREDENTIALS_MESSAGE =
  'Send the username and password as Authorization: Basic base64(username:password)';

/**
 * A refusal whose reason goes to the log and the audit, while the caller
 * gets the answer of a wrong password.
 */
class QuietRefusal extends Error {
  constructor(readonly reason: string, readonly answer: Error) {
    super(reason);
  }
}

// Backstage's resolvers say "not found" with a NotFoundError, or with a
// plain Error once every configured resolver has failed; several matches
// are a ConflictError. None of them may answer differently from a wrong
// password.
function isNoCatalogUser(error: unknown): boolean {
  return (
    isError(error) &&
    ['NotFoundError', 'ConflictError', 'Error'].includes(error.name)
  );
}

function requireXhr(req: ProviderRequest) {
  if (req.header('X-Requested-With') !== 'XMLHttpRequest') {
    throw new AuthenticationError('Invalid X-Requested-With header');
  }
}

/** @internal */
export interface LdapSignInRoutesOptions {
  environment: string;
  verifier: LdapCredentialsVerifier;
  refreshCookie: RefreshCookie;
  signInResolver: SignInResolver<LdapAuthResult>;
  profileTransform: ProfileTransform<LdapAuthResult>;
  resolverContext: AuthResolverContext;
  logger: LoggerService;
  auditor?: AuditorService;
}

/**
 * The routes of one environment of the `ldap` provider.
 *
 * `/refresh` with `Authorization: Basic` checks the password, signs in and
 * sets the refresh cookie; without it, the cookie renews the sign-in after
 * checking that the entry still exists. Either way a password that is right
 * for an account without a catalog user is answered like a wrong one.
 * `/logout` deletes the cookie.
 *
 * @internal
 */
export class LdapSignInRoutes {
  readonly #options: LdapSignInRoutesOptions;

  constructor(options: LdapSignInRoutesOptions) {
    this.#options = options;
  }

  async refresh(req: ProviderRequest, res: ProviderResponse): Promise<void> {
    requireXhr(req);
    const { auditor, environment } = this.#options;
    const credentials = readBasicCredentials(req);
    // Without the request: the auditor would read the caller's Backstage
    // credentials from it, and a stale cookie must not break sign-in.
    const event = await auditor?.createEvent({
      eventId: 'ldap-sign-in',
      severityLevel: 'medium',
      meta: {
        username: credentials?.username ?? null,
        environment,
        ip: req.ip ?? null,
        method: credentials ? 'password' : 'refresh',
      },
    });
    let response: ClientAuthResponse<undefined>;
    try {
      response = credentials
        ? await this.#signIn(credentials, req, res)
        : await this.#renew(req, res);
    } catch (error) {
      if (error instanceof TooManySignInAttemptsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      if (error instanceof QuietRefusal) {
        this.#options.logger.info(`LDAP sign-in refused: ${error.reason}`, {
          environment,
        });
      }
      await event?.fail({
        error: isError(error) ? error : new Error(String(error)),
      });
      throw error instanceof QuietRefusal ? error.answer : error;
    }
    await event?.success();
    res.status(200).json(response);
  }

  async logout(req: ProviderRequest, res: ProviderResponse): Promise<void> {
    requireXhr(req);
    this.#options.refreshCookie.clear(res);
    res.status(200).end();
  }

  async #signIn(
    { username, password }: BasicCredentials,
    req: ProviderRequest,
    res: ProviderResponse,
  ): Promise<ClientAuthResponse<undefined>> {
    const pending = await this.#options.verifier.check(username, password, {
      clientAddress: req.ip,
    });
    const { result } = pending;
    let response: ClientAuthResponse<undefined>;
    try {
      response = await this.#respond(result);
    } catch (error) {
      if (isNoCatalogUser(error)) {
        // Counted like a wrong password: otherwise the reset of the count
        // after a right password would give it away.
        await pending.reject();
        throw new QuietRefusal(
          `the directory accepted the password of ${result.dn}, but no catalog user matches`,
          invalidCredentials(),
        );
      }
      await pending.abandon();
      throw error;
    }
    await pending.accept();
    this.#options.refreshCookie.issue(res, {
      dn: result.dn,
      username: result.username,
    });
    return response;
  }

  async #renew(
    req: ProviderRequest,
    res: ProviderResponse,
  ): Promise<ClientAuthResponse<undefined>> {
    const { refreshCookie, verifier } = this.#options;
    if (!refreshCookie.isPresent(req)) {
      throw new AuthenticationError(NO_CREDENTIALS_MESSAGE);
    }
    const endSession = (reason: string) => {
      refreshCookie.clear(res);
      return new QuietRefusal(
        reason,
        new AuthenticationError(SIGN_IN_AGAIN_MESSAGE),
      );
    };
    const claims = refreshCookie.read(req);
    if (!claims) {
      throw endSession('the refresh cookie is invalid or expired');
    }
    const result = await verifier.lookup(claims.dn, claims.username);
    if (!result) {
      throw endSession(
        `${claims.dn} is no longer in the directory with ${claims.username}, or no longer matches searchFilter`,
      );
    }
    try {
      return await this.#respond(result);
    } catch (error) {
      if (isNoCatalogUser(error)) {
        throw endSession(`no catalog user matches ${result.dn} any more`);
      }
      throw error;
    }
  }

  async #respond(
    result: LdapAuthResult,
  ): Promise<ClientAuthResponse<undefined>> {
    const { profileTransform, resolverContext, signInResolver } = this.#options;
    const { profile } = await profileTransform(result, resolverContext);
    const identity = await signInResolver({ profile, result }, resolverContext);
    return {
      profile,
      providerInfo: undefined,
      backstageIdentity: prepareBackstageIdentityResponse(identity),
    };
  }
}
