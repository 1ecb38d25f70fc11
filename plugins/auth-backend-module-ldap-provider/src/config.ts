import { Config } from '@backstage/config';
import { Filter, FilterParser } from 'ldapts';

/**
 * The settings of one environment of `auth.providers.ldap`, read and checked.
 *
 * @public
 */
export interface LdapProviderConfig {
  url: string;
  /** The service account that searches for users; anonymous search when absent. */
  bind?: { dn: string; password: string };
  searchBase: string;
  searchScope: 'one' | 'sub';
  searchAttribute: string;
  /** The extra filter that every user must match, parsed. */
  searchFilter?: Filter;
  tls?: { rejectUnauthorized?: boolean };
  timeoutMs: number;
  rateLimit: {
    maxFailures: number;
    windowSeconds: number;
    maxFailuresPerClient: number;
    maxFailuresOverall: number;
  };
  refresh: {
    /** Signs the refresh cookies; a random key of this process when absent. */
    secret?: string;
    maxAgeSeconds: number;
  };
}

// An attribute description of RFC 4512: a name or an OID.
const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/;

const MIN_SECRET_LENGTH = 32;

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(`Invalid config at ${key}: must be a positive number`);
  }
  return value;
}

function count(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Invalid config at ${key}: must be a positive integer`);
  }
  return value;
}

// ldapts quietly closes parentheses that a filter leaves open; a filter
// with a typo should rather stop the backend than match something else.
function assertBalanced(filter: string) {
  let depth = 0;
  for (const char of filter) {
    depth += char === '(' ? 1 : 0;
    depth -= char === ')' ? 1 : 0;
    if (depth < 0) {
      break;
    }
  }
  if (!filter.startsWith('(') || depth !== 0) {
    throw new Error(`Unbalanced parens in filter string: ${filter}`);
  }
}

/**
 * Reads one environment of `auth.providers.ldap`, e.g. the object under
 * `auth.providers.ldap.development`.
 *
 * @public
 */
export function readLdapProviderConfig(config: Config): LdapProviderConfig {
  const url = config.getString('url');
  if (!/^ldaps?:\/\/[^/]+\/?$/i.test(url)) {
    throw new Error(
      `Invalid config at url: '${url}' must be ldap://host[:port] or ldaps://host[:port]`,
    );
  }

  const bindDn = config.getOptionalString('bindDn');
  const bindPassword = config.getOptionalString('bindPassword');
  if (Boolean(bindDn) !== Boolean(bindPassword)) {
    throw new Error(
      'Invalid config: bindDn and bindPassword must be given together, or neither for an anonymous search',
    );
  }

  const searchAttribute = config.getOptionalString('searchAttribute') ?? 'uid';
  if (!ATTRIBUTE_NAME.test(searchAttribute)) {
    throw new Error(
      `Invalid config at searchAttribute: '${searchAttribute}' is not an attribute name`,
    );
  }

  const searchScope = config.getOptionalString('searchScope') ?? 'sub';
  if (searchScope !== 'one' && searchScope !== 'sub') {
    throw new Error(`Invalid config at searchScope: must be 'one' or 'sub'`);
  }

  let searchFilter: Filter | undefined;
  const rawFilter = config.getOptionalString('searchFilter');
  if (rawFilter) {
    // YAML block scalars bring line breaks and indentation before the
    // parentheses; LDAP does not allow them there. Same as the catalog's
    // LDAP provider does with its filters.
    const compact = rawFilter.replace(/\s*(\(|\))/g, '$1').trim();
    try {
      assertBalanced(compact);
      searchFilter = FilterParser.parseString(compact);
    } catch (error) {
      throw new Error(
        `Invalid config at searchFilter: ${(error as Error).message}`,
      );
    }
  }

  const refreshSecret = config.getOptionalString('refresh.secret');
  if (refreshSecret !== undefined && refreshSecret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `Invalid config at refresh.secret: must be at least ${MIN_SECRET_LENGTH} characters`,
    );
  }

  const tlsConfig = config.getOptionalConfig('tls');
  const rejectUnauthorized =
    tlsConfig?.getOptionalBoolean('rejectUnauthorized');

  return {
    url,
    bind:
      bindDn && bindPassword
        ? { dn: bindDn, password: bindPassword }
        : undefined,
    searchBase: config.getString('searchBase'),
    searchScope,
    searchAttribute,
    searchFilter,
    tls: rejectUnauthorized === undefined ? undefined : { rejectUnauthorized },
    timeoutMs: positive(config, 'timeoutMs', 5000),
    rateLimit: {
      maxFailures: count(config, 'rateLimit.maxFailures', 3),
      windowSeconds: positive(config, 'rateLimit.windowSeconds', 300),
      maxFailuresPerClient: count(config, 'rateLimit.maxFailuresPerClient', 30),
      maxFailuresOverall: count(config, 'rateLimit.maxFailuresOverall', 10_000),
    },
    refresh: {
      secret: refreshSecret,
      maxAgeSeconds: positive(config, 'refresh.maxAgeSeconds', 12 * 60 * 60),
    },
  };
}
