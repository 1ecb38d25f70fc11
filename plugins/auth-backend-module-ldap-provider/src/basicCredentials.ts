import { AuthenticationError } from '@backstage/errors';

/** The part of an HTTP request that is read here. */
interface WithHeaders {
  header(name: string): string | undefined;
}

/** @internal */
export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * Reads `Authorization: Basic base64(username:password)` (RFC 7617, UTF-8),
 * or returns undefined when the request has no such header.
 *
 * @internal
 */
export function readBasicCredentials(
  req: WithHeaders,
): BasicCredentials | undefined {
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(
    req.header('authorization') ?? '',
  );
  if (!match) {
    return undefined;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return undefined;
  }
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}

/** @internal */
export function requireBasicCredentials(req: WithHeaders): BasicCredentials {
  const credentials = readBasicCredentials(req);
  if (!credentials) {
    throw new AuthenticationError(
      'Send the username and password as Authorization: Basic base64(username:password)',
    );
  }
  return credentials;
}
