import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { randomBytes } from 'crypto';
import {
  AndFilter,
  Client,
  Entry,
  EqualityFilter,
  NoSuchObjectError,
  PresenceFilter,
  ResultCodeError,
  SizeLimitExceededError,
} from 'ldapts';
import { LdapProviderConfig, readLdapProviderConfig } from './config';
import { invalidCredentials, TooManySignInAttemptsError } from './errors';
import { MemorySignInThrottleStore } from './throttle/MemorySignInThrottleStore';
import { SignInAttempt, SignInThrottle } from './throttle/SignInThrottle';
import { SignInThrottleStore } from './throttle/SignInThrottleStore';
import { foldUsername } from './folding';

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
  /** The search attribute as configured, e.g. `uid` or `sAMAccountName`. */
  searchAttribute: string;
  /**
   * The attributes read from the entry: the search attribute, `cn`,
   * `displayName` and `mail`, keyed in lower case.
   */
  attributes: Record<string, string[]>;
}

/**
 * A password the directory accepted, whose sign-in is not decided yet: the
 * caller still looks for the catalog user. Until it ends, the attempt counts
 * as a failure.
 *
 * @public
 */
export interface PendingLdapSignIn {
  result: LdapAuthResult;
  /** Signed in: the throttle forgets the failures of this account. */
  accept(): Promise<void>;
  /** Refused after all, e.g. no catalog user: counted like a wrong password. */
  reject(): Promise<void>;
  /** Something else failed: the attempt does not count. */
  abandon(): Promise<void>;
}

/** @public */
export interface LdapCredentialsVerifierOptions {
  logger?: LoggerService;
  now?: () => number;
  /** Where the throttle keeps its counts; by default in this process. */
  throttleStore?: SignInThrottleStore;
  /** Put before the throttle's keys, e.g. the auth environment. */
  throttleNamespace?: string;
}

/** @public */
export interface LdapVerifyOptions {
  /** The address the request came from, for the per-client limit. */
  clientAddress?: string;
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
 * `ServiceUnavailableError`; a throttled attempt gives a
 * `TooManySignInAttemptsError`.
 *
 * @public
 */
export class LdapCredentialsVerifier {
  readonly #config: LdapProviderConfig;
  readonly #throttle: SignInThrottle;
  readonly #logger?: LoggerService;
  // Binding here for a name the directory does not know costs what a wrong
  // password costs. The random part keeps anyone from creating the entry.
  readonly #absentDn: string;

  static fromConfig(
    config: Config,
    options: LdapCredentialsVerifierOptions = {},
  ): LdapCredentialsVerifier {
    return LdapCredentialsVerifier.create(
      readLdapProviderConfig(config),
      options,
    );
  }

  static create(
    config: LdapProviderConfig,
    options: LdapCredentialsVerifierOptions = {},
  ): LdapCredentialsVerifier {
    return new LdapCredentialsVerifier(
      config,
      new SignInThrottle({
        ...config.rateLimit,
        store:
          options.throttleStore ??
          new MemorySignInThrottleStore({ now: options.now }),
        namespace: options.throttleNamespace,
        now: options.now,
      }),
      options.logger,
    );
  }

  private constructor(
    config: LdapProviderConfig,
    throttle: SignInThrottle,
    logger?: LoggerService,
  ) {
    this.#config = config;
    this.#throttle = throttle;
    this.#logger = logger;
    this.#absentDn = `cn=no-such-user-${randomBytes(12).toString('hex')},${
      config.searchBase
    }`;
  }

  /** Checks the username and password, and counts a success as a sign-in. */
  async verify(
    username: string,
    password: string,
    options: LdapVerifyOptions = {},
  ): Promise<LdapAuthResult> {
    const pending = await this.check(username, password, options);
    await pending.accept();
    return pending.result;
  }

  /**
   * Checks the username and password, and leaves it to the caller to decide
   * whether the sign-in succeeded, e.g. once the catalog user is found.
   */
  async check(
    username: string,
    password: string,
    options: LdapVerifyOptions = {},
  ): Promise<PendingLdapSignIn> {
    // Malformed input is refused before the throttle: it cannot guess
    // anything, so it is not counted, and it costs no memory. An empty
    // password is never sent: a simple bind with a DN and no password is an
    // anonymous bind (RFC 4513 5.1.2), which many servers accept.
    if (
      username.length > MAX_USERNAME_LENGTH ||
      !password ||
      !foldUsername(username)
    ) {
      throw invalidCredentials();
    }

    const attempt = await this.#begin(username, options.clientAddress);
    let result: LdapAuthResult;
    try {
      result = await this.#verify(username, password, attempt);
    } catch (error) {
      if (error instanceof TooManySignInAttemptsError) {
        throw error;
      }
      const refused = (error as Error)?.name === 'AuthenticationError';
      await this.#settle(refused ? attempt.fail() : attempt.abandon());
      throw error;
    }
    return {
      result,
      accept: () => this.#settle(attempt.succeed()),
      reject: () => this.#settle(attempt.fail()),
      abandon: () => this.#settle(attempt.abandon()),
    };
  }

  /**
   * Reads the entry of a DN that signed in before, if it still exists,
   * still matches `searchFilter` and still has `username` as a value of the
   * search attribute; for renewing a sign-in without the password.
   */
  async lookup(
    dn: string,
    username: string,
  ): Promise<LdapAuthResult | undefined> {
    const client = this.#client();
    try {
      await this.#bindServiceAccount(client);
      let entries: Entry[];
      try {
        ({ searchEntries: entries } = await client.search(dn, {
          scope: 'base',
          filter:
            this.#config.searchFilter ??
            new PresenceFilter({ attribute: 'objectClass' }),
          attributes: [this.#config.searchAttribute, ...PROFILE_ATTRIBUTES],
          sizeLimit: 1,
          timeLimit: this.#timeLimitSeconds(),
        }));
      } catch (error) {
        if (error instanceof NoSuchObjectError) {
          return undefined;
        }
        throw this.#unavailable('read the signed-in user', error);
      }
      if (entries.length !== 1) {
        return undefined;
      }
      const result = this.#toResult(entries[0], username);
      return foldUsername(result.username) === foldUsername(username)
        ? result
        : undefined;
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  async #begin(username: string, clientAddress?: string) {
    try {
      return await this.#throttle.begin(username, clientAddress);
    } catch (error) {
      if (error instanceof TooManySignInAttemptsError) {
        throw error;
      }
      // Without its counts the throttle cannot tell guessing from signing
      // in, so sign-in fails closed.
      throw this.#unavailable('read the sign-in throttle', error);
    }
  }

  async #settle(outcome: Promise<void>): Promise<void> {
    try {
      await outcome;
    } catch (error) {
      this.#logger?.warn('LDAP sign-in could not update its throttle', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #client(): Client {
    return new Client({
      url: this.#config.url,
      timeout: this.#config.timeoutMs,
      connectTimeout: this.#config.timeoutMs,
      tlsOptions: /^ldaps:/i.test(this.#config.url)
        ? this.#config.tls
        : undefined,
    });
  }

  #timeLimitSeconds(): number {
    return Math.max(1, Math.ceil(this.#config.timeoutMs / 1000));
  }

  async #verify(
    username: string,
    password: string,
    attempt: SignInAttempt,
  ): Promise<LdapAuthResult> {
    const client = this.#client();
    try {
      const entry = await this.#findUser(client, username);
      await attempt.identify(entry?.dn).catch(error => {
        if (error instanceof TooManySignInAttemptsError) {
          throw error;
        }
        throw this.#unavailable('update the sign-in throttle', error);
      });
      // Any answer of the server to the bind (49 invalid credentials, an
      // Active Directory account that is locked or expired, 53 unwilling to
      // perform) is a refusal, and looks like every other one.
      try {
        await client.bind(entry?.dn ?? this.#absentDn, password);
      } catch (error) {
        if (error instanceof ResultCodeError) {
          throw invalidCredentials();
        }
        throw this.#unavailable('bind as the user', error);
      }
      if (!entry) {
        throw invalidCredentials();
      }
      return this.#toResult(entry, username);
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  async #bindServiceAccount(client: Client) {
    const { bind } = this.#config;
    if (bind) {
      try {
        await client.bind(bind.dn, bind.password);
      } catch (error) {
        throw this.#unavailable('bind as the service account', error);
      }
    }
  }

  async #findUser(
    client: Client,
    username: string,
  ): Promise<Entry | undefined> {
    await this.#bindServiceAccount(client);
    const { searchAttribute, searchFilter } = this.#config;

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
        timeLimit: this.#timeLimitSeconds(),
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
    const folded = foldUsername(typed);
    const username =
      stored.find(v => foldUsername(v) === folded) ?? stored[0] ?? typed.trim();
    return {
      dn: entry.dn,
      username,
      searchAttribute: this.#config.searchAttribute,
      attributes,
    };
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
