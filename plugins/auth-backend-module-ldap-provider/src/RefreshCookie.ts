import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { ProviderRequest, ProviderResponse } from './http';

/**
 * What a refresh cookie says: who signed in with a password, and when that
 * stops being enough.
 *
 * @internal
 */
export interface RefreshClaims {
  /** The DN of the entry that signed in. */
  dn: string;
  /** The value of the search attribute that signed in, as stored. */
  username: string;
}

interface Payload {
  v: 1;
  env: string;
  dn: string;
  usr: string;
  exp: number;
}

function isPayload(value: any): value is Payload {
  return (
    value?.v === 1 &&
    typeof value.env === 'string' &&
    typeof value.dn === 'string' &&
    typeof value.usr === 'string' &&
    typeof value.exp === 'number'
  );
}

function cookieFromHeader(
  req: ProviderRequest,
  name: string,
): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The credential that renews an LDAP sign-in without the password: an
 * HttpOnly, SameSite=Strict cookie, only sent to the provider's own routes,
 * holding the DN signed with HMAC-SHA256 and an absolute expiry. Page
 * scripts cannot read it, other sites cannot send it, and it cannot be
 * extended: after `maxAgeSeconds` the password is asked again.
 *
 * @internal
 */
export class RefreshCookie {
  readonly #name: string;
  readonly #path: string;
  readonly #secure: boolean;
  readonly #environment: string;
  readonly #key: Buffer;
  readonly #maxAgeSeconds: number;
  readonly #now: () => number;

  static create(options: {
    providerId: string;
    environment: string;
    /** The external base URL of the auth backend, `…/api/auth`. */
    authBaseUrl: string;
    /** Without one, a random key: valid in this process only. */
    secret?: string;
    maxAgeSeconds: number;
    now?: () => number;
  }): RefreshCookie {
    const base = new URL(options.authBaseUrl);
    const key = options.secret
      ? createHmac('sha256', options.secret)
          .update(`ldap-refresh:${options.providerId}:${options.environment}`)
          .digest()
      : randomBytes(32);
    return new RefreshCookie({
      name: `${options.providerId}-refresh-token`,
      path: `${base.pathname.replace(/\/+$/, '')}/${options.providerId}`,
      secure: base.protocol === 'https:',
      environment: options.environment,
      key,
      maxAgeSeconds: options.maxAgeSeconds,
      now: options.now ?? Date.now,
    });
  }

  private constructor(options: {
    name: string;
    path: string;
    secure: boolean;
    environment: string;
    key: Buffer;
    maxAgeSeconds: number;
    now: () => number;
  }) {
    this.#name = options.name;
    this.#path = options.path;
    this.#secure = options.secure;
    this.#environment = options.environment;
    this.#key = options.key;
    this.#maxAgeSeconds = options.maxAgeSeconds;
    this.#now = options.now;
  }

  /** Whether the request carries this cookie at all, valid or not. */
  isPresent(req: ProviderRequest): boolean {
    return this.#raw(req) !== undefined;
  }

  issue(res: ProviderResponse, claims: RefreshClaims): void {
    const payload: Payload = {
      v: 1,
      env: this.#environment,
      dn: claims.dn,
      usr: claims.username,
      exp: Math.floor(this.#now() / 1000) + this.#maxAgeSeconds,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    res.cookie(this.#name, `${body}.${this.#sign(body)}`, {
      ...this.#attributes(),
      maxAge: this.#maxAgeSeconds * 1000,
    });
  }

  /** The claims of a valid, unexpired cookie of this environment. */
  read(req: ProviderRequest): RefreshClaims | undefined {
    const [body, signature, ...rest] = (this.#raw(req) ?? '').split('.');
    if (!body || !signature || rest.length) {
      return undefined;
    }
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return undefined;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (
      !isPayload(payload) ||
      payload.env !== this.#environment ||
      payload.exp * 1000 <= this.#now()
    ) {
      return undefined;
    }
    return { dn: payload.dn, username: payload.usr };
  }

  clear(res: ProviderResponse): void {
    res.clearCookie(this.#name, this.#attributes());
  }

  #attributes() {
    return {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: this.#secure,
      path: this.#path,
    };
  }

  #raw(req: ProviderRequest): string | undefined {
    const parsed = (req as { cookies?: Record<string, unknown> }).cookies;
    const value = parsed?.[this.#name] ?? cookieFromHeader(req, this.#name);
    return typeof value === 'string' ? value : undefined;
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }
}
