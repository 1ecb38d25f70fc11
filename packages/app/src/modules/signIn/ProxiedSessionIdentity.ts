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
 * asks the backend for a new session shortly before the token expires; for
 * LDAP it sends the provider's refresh cookie, not the password, which is
 * sent once, at sign-in, and not kept.
 *
 * Signing out forgets the session at once: from then on there is no token,
 * no profile and no identity, and a renewal that was under way is dropped.
 */
export class ProxiedSessionIdentity implements IdentityApi {
  #fetchSession?: () => Promise<ProxiedSession>;
  #state?: State;
  #renewal?: Promise<State>;
  readonly #now: () => number;
  readonly #onSignOut?: () => void | Promise<void>;

  constructor(options: {
    session: ProxiedSession;
    fetchSession: () => Promise<ProxiedSession>;
    /** Called when the user signs out, e.g. to end the session on the backend. */
    onSignOut?: () => void | Promise<void>;
    now?: () => number;
  }) {
    this.#now = options.now ?? (() => Date.now());
    this.#onSignOut = options.onSignOut;
    this.#fetchSession = options.fetchSession;
    this.#state = stateOf(options.session, this.#now());
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return (await this.#current())?.session.profile ?? {};
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    const state = await this.#current();
    if (!state) {
      throw new Error('Signed out');
    }
    return state.session.backstageIdentity.identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    const state = await this.#current();
    return state ? { token: state.session.backstageIdentity.token } : {};
  }

  async signOut(): Promise<void> {
    this.#state = undefined;
    this.#fetchSession = undefined;
    this.#renewal = undefined;
    try {
      await this.#onSignOut?.();
    } catch {
      // The session is forgotten here whatever the backend answered.
    }
  }

  async #current(): Promise<State | undefined> {
    const state = this.#state;
    if (!state) {
      return undefined;
    }
    const now = this.#now();
    if (now < state.renewAt) {
      return state;
    }
    const fetchSession = this.#fetchSession;
    if (!fetchSession) {
      if (now < state.expiresAt) {
        return state;
      }
      throw new Error(
        'The session has expired; reload the page to sign in again.',
      );
    }
    const renewal = (this.#renewal ??= fetchSession()
      .then(session => stateOf(session, this.#now()))
      .finally(() => {
        if (this.#renewal === renewal) {
          this.#renewal = undefined;
        }
      }));
    try {
      const renewed = await renewal;
      // A sign-out while the renewal was under way wins; another caller of
      // the same renewal may have stored it already.
      if (this.#state !== state) {
        return this.#state;
      }
      this.#state = renewed;
      return renewed;
    } catch (error) {
      if (this.#state !== state) {
        return this.#state;
      }
      if (
        error instanceof SignInError &&
        error.reason === 'invalid-credentials'
      ) {
        // The sign-in has ended on the backend (expired refresh cookie, the
        // account left the directory): trying again changes nothing.
        this.#fetchSession = undefined;
      }
      // A failed renewal leaves a token that is still valid in use.
      if (now < state.expiresAt) {
        this.#state = {
          ...state,
          renewAt: Math.min(state.expiresAt, now + RETRY_MS),
        };
        return this.#state;
      }
      throw error;
    }
  }
}
