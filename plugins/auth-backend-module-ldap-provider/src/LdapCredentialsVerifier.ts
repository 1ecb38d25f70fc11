import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  AndFilter,
  Client,
  Entry,
  EqualityFilter,
  ResultCodeError,
  SizeLimitExceededError,
} from 'ldapts';
import { LdapProviderConfig, readLdapProviderConfig } from './config';
import { invalidCredentials } from './errors';
import { FailedSignInThrottle } from './FailedSignInThrottle';

/**
 * A user whose password the directory accepted.
 *
 * @public
 */
export interface LdapAuthResult {
  /** The DN of the user's entry, as the directory returned it. */
  dn: string;
  /**
   * The value of the search attribute (`uid`, `sAMAccountName`) in the
   * entry, spelled as the directory stores it, which may differ in case from
   * what the user typed.
   */
  username: string;
  /**
   * The attributes read from the entry: the search attribute, `cn`,
   * `displayName` and `mail`, keyed in lower case.
   */
  attributes: Record<string, string[]>;
}

const MAX_USERNAME_LENGTH = 256;
const PROFILE_ATTRIBUTES = ['cn', 'displayName', 'mail'];

function attributeValues(entry: Entry): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, raw] of Object.entries(entry)) {
    if (name === 'dn') {
      continue;
    }
    const values = Array.isArray(raw) ? raw : [raw];
    result[name.toLowerCase()] = values.map(value => value.toString());
  }
  return result;
}

/**
 * Checks a username and password against an LDAP directory: finds the one
 * entry whose search attribute equals the username, then binds as that
 * entry with the password. Every refusal gives the same
 * `AuthenticationError`; a directory that cannot be reached gives a
 * `ServiceUnavailableError`; a throttled username gives a
 * `TooManySignInAttemptsError`.
 *
 * @public
 */
export class LdapCredentialsVerifier {
  readonly #config: LdapProviderConfig;
  readonly #throttle: FailedSignInThrottle;
  readonly #logger?: LoggerService;

  static fromConfig(
    config: Config,
    options: { logger?: LoggerService; now?: () => number } = {},
  ): LdapCredentialsVerifier {
    return LdapCredentialsVerifier.create(
      readLdapProviderConfig(config),
      options,
    );
  }

  static create(
    config: LdapProviderConfig,
    options: { logger?: LoggerService; now?: () => number } = {},
  ): LdapCredentialsVerifier {
    return new LdapCredentialsVerifier(
      config,
      new FailedSignInThrottle({ ...config.rateLimit, now: options.now }),
      options.logger,
    );
  }

  private constructor(
    config: LdapProviderConfig,
    throttle: FailedSignInThrottle,
    logger?: LoggerService,
  ) {
    this.#config = config;
    this.#throttle = throttle;
    this.#logger = logger;
  }

  async verify(username: string, password: string): Promise<LdapAuthResult> {
    const end = this.#throttle.begin(username);
    try {
      return await this.#verify(username, password);
    } finally {
      end();
    }
  }

  async #verify(username: string, password: string): Promise<LdapAuthResult> {
    // An empty password is checked here and never sent: a simple bind with a
    // DN and no password is an anonymous bind (RFC 4513 5.1.2), which many
    // servers accept.
    if (
      !username.trim() ||
      !password ||
      username.length > MAX_USERNAME_LENGTH
    ) {
      throw this.#refuse(username);
    }

    const client = new Client({
      url: this.#config.url,
      timeout: this.#config.timeoutMs,
      connectTimeout: this.#config.timeoutMs,
      tlsOptions: /^ldaps:/i.test(this.#config.url)
        ? this.#config.tls
        : undefined,
    });
    try {
      const entry = await this.#findUser(client, username);
      if (!entry) {
        throw this.#refuse(username);
      }
      try {
        await client.bind(entry.dn, password);
      } catch (error) {
        // Any answer of the server to the bind (49 invalid credentials, an
        // Active Directory account that is locked or expired, 53 unwilling
        // to perform) is a refusal, and looks like every other one.
        if (error instanceof ResultCodeError) {
          throw this.#refuse(username);
        }
        throw this.#unavailable('bind as the user', error);
      }
      this.#throttle.recordSuccess(username);
      return this.#toResult(entry, username);
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  async #findUser(
    client: Client,
    username: string,
  ): Promise<Entry | undefined> {
    const { bind, searchAttribute, searchFilter } = this.#config;
    if (bind) {
      try {
        await client.bind(bind.dn, bind.password);
      } catch (error) {
        throw this.#unavailable('bind as the service account', error);
      }
    }

    // The username goes into the filter as a value, never as filter text:
    // the BER encoding of an equality match cannot be escaped out of, so
    // `*)(uid=*` is looked up literally.
    const byUsername = new EqualityFilter({
      attribute: searchAttribute,
      value: username,
    });
    try {
      const { searchEntries } = await client.search(this.#config.searchBase, {
        scope: this.#config.searchScope,
        filter: searchFilter
          ? new AndFilter({ filters: [searchFilter, byUsername] })
          : byUsername,
        attributes: [searchAttribute, ...PROFILE_ATTRIBUTES],
        // Two are enough to know that the username is ambiguous.
        sizeLimit: 2,
        timeLimit: Math.max(1, Math.ceil(this.#config.timeoutMs / 1000)),
      });
      return searchEntries.length === 1 ? searchEntries[0] : undefined;
    } catch (error) {
      if (error instanceof SizeLimitExceededError) {
        return undefined;
      }
      throw this.#unavailable('search for the user', error);
    }
  }

  #toResult(entry: Entry, typed: string): LdapAuthResult {
    const attributes = attributeValues(entry);
    const stored = attributes[this.#config.searchAttribute.toLowerCase()] ?? [];
    const username =
      stored.find(v => v.toLowerCase() === typed.trim().toLowerCase()) ??
      stored[0] ??
      typed.trim();
    return { dn: entry.dn, username, attributes };
  }

  #refuse(username: string): Error {
    this.#throttle.recordFailure(username);
    return invalidCredentials();
  }

  #unavailable(step: string, error: unknown): Error {
    // The details (host, port, server messages) go to the log only: they are
    // no business of an anonymous caller.
    this.#logger?.error(
      `LDAP sign-in failed to ${step} at ${this.#config.url}`,
      {
        error: error instanceof Error ? error.message : String(error),
      },
    );
    return new ServiceUnavailableError('The LDAP server is not available');
  }
}
