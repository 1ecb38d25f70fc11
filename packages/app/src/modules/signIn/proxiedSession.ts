import type {
  BackstageUserIdentity,
  ProfileInfo,
} from '@backstage/frontend-plugin-api';

/** The body of `/api/auth/<proxy provider>/refresh`. */
export interface ProxiedSession {
  profile: ProfileInfo;
  backstageIdentity: {
    token: string;
    expiresInSeconds?: number;
    identity: BackstageUserIdentity;
  };
}

export type SignInFailure =
  | 'invalid-credentials'
  | 'not-in-catalog'
  | 'rate-limited'
  | 'unavailable'
  | 'not-configured'
  | 'unknown';

/** A refused sign-in, with a message meant for the person signing in. */
export class SignInError extends Error {
  name = 'SignInError';

  constructor(
    readonly reason: SignInFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

async function serverMessage(response: Response): Promise<string | undefined> {
  try {
    const body = await response.json();
    return typeof body?.error?.message === 'string'
      ? body.error.message
      : undefined;
  } catch {
    return undefined;
  }
}

function waitText(retryAfter: string | null): string {
  const seconds = Number(retryAfter);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return 'Try again later.';
  }
  if (seconds < 90) {
    return `Try again in ${Math.ceil(seconds)} seconds.`;
  }
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

async function failure(response: Response): Promise<SignInError> {
  const { status } = response;
  switch (status) {
    case 401:
      return new SignInError(
        'invalid-credentials',
        'Wrong username or password.',
        status,
      );
    // The ldap provider answers an account without catalog user like a
    // wrong password; other providers may still refuse it with 403.
    case 403:
      return new SignInError(
        'not-in-catalog',
        'There is no Backstage user for your account. Ask the platform team to add you.',
        status,
      );
    case 404:
      return new SignInError(
        'not-configured',
        'This sign-in method is not configured on the backend.',
        status,
      );
    case 429:
      return new SignInError(
        'rate-limited',
        `Too many failed sign-in attempts. ${waitText(
          response.headers.get('Retry-After'),
        )}`,
        status,
      );
    case 503:
      return new SignInError(
        'unavailable',
        'The directory cannot be reached right now. Try again in a few minutes.',
        status,
      );
    default:
      return new SignInError(
        'unknown',
        `Sign-in failed: ${
          (await serverMessage(response)) ?? `HTTP ${status}`
        }`,
        status,
      );
  }
}

function isSession(body: any): body is ProxiedSession {
  const identity = body?.backstageIdentity?.identity;
  return (
    typeof body?.backstageIdentity?.token === 'string' &&
    identity?.type === 'user' &&
    typeof identity.userEntityRef === 'string' &&
    Array.isArray(identity.ownershipEntityRefs)
  );
}

function providerUrl(
  options: { authBaseUrl: string; provider: string; environment: string },
  route: 'refresh' | 'logout',
): string {
  return `${options.authBaseUrl}/${encodeURIComponent(
    options.provider,
  )}/${route}?env=${encodeURIComponent(options.environment)}`;
}

/**
 * Asks an auth provider that works like Backstage's proxy providers (ldap,
 * guest) for a session, the way core-components' ProxiedSignInPage does.
 * Without `headers`, the LDAP provider renews the session with the refresh
 * cookie it set at sign-in.
 */
export async function fetchProxiedSession(options: {
  authBaseUrl: string;
  provider: string;
  environment: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}): Promise<ProxiedSession> {
  const url = providerUrl(options, 'refresh');
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { ...options.headers, 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
      signal: options.signal,
    });
  } catch (error) {
    throw new SignInError(
      'unavailable',
      'The Backstage backend cannot be reached. Check your connection and try again.',
    );
  }
  if (!response.ok) {
    throw await failure(response);
  }
  const body = await response.json();
  if (!isSession(body)) {
    throw new SignInError('unknown', 'Sign-in failed: unexpected answer');
  }
  return body;
}

/**
 * Ends the session on the provider: the LDAP provider deletes its refresh
 * cookie, which page scripts cannot do since it is HttpOnly.
 */
export async function endProxiedSession(options: {
  authBaseUrl: string;
  provider: string;
  environment: string;
}): Promise<void> {
  await fetch(providerUrl(options, 'logout'), {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    credentials: 'include',
  });
}

/** `Authorization: Basic` for a username and password, encoded as UTF-8. */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  bytes.forEach(byte => {
    binary += String.fromCharCode(byte);
  });
  return `Basic ${window.btoa(binary)}`;
}
