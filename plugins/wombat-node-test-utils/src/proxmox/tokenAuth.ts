import { uriUnescape } from './sshKeys';

/**
 * Why pve-http-server refuses an `Authorization` header, as the 401 status
 * line says it, or undefined when it carries the API token. The token is
 * found like PVE::APIServer::Formatter::extract_auth_value does (after
 * `PVEAPIToken=` or `PVEAPIToken `, up to a `;`, URI-unescaped) and checked
 * like PVE::AccessControl::verify_token.
 */
export function tokenRefusal(
  header: string | null,
  tokenId: string,
  tokenSecret: string,
): string | undefined {
  const found = /(?:^|\s)PVEAPIToken(?:=| )([^;]*)/.exec(header ?? '')?.[1];
  if (!found) {
    return 'No ticket';
  }
  const token = /^(.*)=(.*)$/.exec(uriUnescape(found));
  if (!token) {
    return 'no tokenid specified';
  }
  const [, id, value] = token;
  const [user, name] = splitTokenId(id) ?? [];
  const [knownUser, knownName] = splitTokenId(tokenId) ?? [];
  if (user === undefined || name === undefined) {
    return `'${id}' is not a valid token ID - not able to split into user and token parts`;
  }
  if (user !== knownUser) {
    return `no such user ('${user}')`;
  }
  if (name !== knownName) {
    return `no such token '${name}' for user '${user}'`;
  }
  return value === tokenSecret ? undefined : 'invalid token value!';
}

/** `user@realm!name` into user and token name. */
function splitTokenId(id: string): [string, string] | undefined {
  const match = /^(.+@[^!]+)!([^!]+)$/.exec(id);
  return match ? [match[1], match[2]] : undefined;
}
