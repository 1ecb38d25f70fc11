import type {
  BackstageUserIdentity,
  IdentityApi,
  ProfileInfo,
} from '@backstage/frontend-plugin-api';
import { ProxiedSession, SignInError } from './proxiedSession';

// Renew the token this long before it expires, or after half its lifetime
// for short-lived tokens.
const RENEW_MARGIN_MS = 5 * 60 * 1000;
// When the answer has no expiry, renew after this long.
const FALLBACK_LIFETIME_MS = 10 * 60 * 1000;
// After a failed renewal, wait this long before the next try.
const RETRY_MS = 60 * 1000;

interface State {
  session: ProxiedSession;
  expiresAt: number;
  renewAt: number;
}

function stateOf(session: ProxiedSession, now: number): State {
  const lifetimeMs =
    (session.backstageIdentity.expiresInSeconds ?? 0) * 1000 ||
    FALLBACK_LIFETIME_MS;
  return {
    session,
    expiresAt: now + lifetimeMs,
    renewAt: now + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2),
  };
}

/**
 * An IdentityApi over a session of a proxy auth provider. `fetchSession`
 * asks the backend again, with the same credentials, shortly before the
 * token expires; it is the only place that holds them, in memory, for as
 * long as the app is open. Signing out forgets them.
 */
export class ProxiedSessionIdentity implements IdentityApi {
  #fetchSession?: () => Promise<ProxiedSession>;
  #state: State;
  #renewal?: Promise<State>;
  readonly #now: () => number;
  readonly #onSignOut?: () => void;

  constructor(options: {
    session: ProxiedSession;
    fetchSession: () => Promise<ProxiedSession>;
    /** Called when the user signs out. */
    onSignOut?: () => void;
    now?: () => number;
  }) {
    this.#now = options.now ?? Date.now;
    this.#onSignOut = options.onSignOut;
    this.#fetchSession = options.fetchSession;
    this.#state = stateOf(options.session, this.#now());
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return (await this.#current()).session.profile;
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return (await this.#current()).session.backstageIdentity.identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    return { token: (await this.#current()).session.backstageIdentity.token };
  }

  async signOut(): Promise<void> {
    this.#onSignOut?.();
    this.#fetchSession = undefined;
    this.#renewal = undefined;
  }

  async #current(): Promise<State> {
    const now = this.#now();
    if (now < this.#state.renewAt) {
      return this.#state;
    }
    const fetchSession = this.#fetchSession;
    if (!fetchSession) {
      if (now < this.#state.expiresAt) {
        return this.#state;
      }
      throw new Error(
        'The session has expired; reload the page to sign in again.',
      );
    }
    this.#renewal ??= fetchSession()
      .then(session => {
        this.#state = stateOf(session, this.#now());
        return this.#state;
      })
      .finally(() => {
        this.#renewal = undefined;
      });
    try {
      return await this.#renewal;
    } catch (error) {
      if (
        error instanceof SignInError &&
        error.reason === 'invalid-credentials'
      ) {
        // The password changed or the account was locked: trying again would
        // only count as failed sign-ins against the user.
        this.#fetchSession = undefined;
      }
      // A failed renewal leaves a token that is still valid in use.
      if (now < this.#state.expiresAt) {
        this.#state = {
          ...this.#state,
          renewAt: Math.min(this.#state.expiresAt, now + RETRY_MS),
        };
        return this.#state;
      }
      throw error;
    }
  }
}
