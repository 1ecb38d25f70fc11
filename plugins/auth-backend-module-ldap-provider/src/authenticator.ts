import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';
import { requireBasicCredentials } from './basicCredentials';
import {
  LdapAuthResult,
  LdapCredentialsVerifier,
} from './LdapCredentialsVerifier';
import { SignInThrottleStore } from './throttle/SignInThrottleStore';

/**
 * The profile shown in the app: `displayName` (else `cn`) and `mail`.
 *
 * @public
 */
export async function ldapDefaultProfileTransform(result: LdapAuthResult) {
  const first = (name: string) => result.attributes[name.toLowerCase()]?.[0];
  return {
    profile: {
      displayName: first('displayName') ?? first('cn'),
      email: first('mail'),
    },
  };
}

/**
 * A proxy authenticator that reads `Authorization: Basic` from the request
 * and checks it against the directory configured in the provider's config.
 * Requests must carry `X-Requested-With: XMLHttpRequest`, like Backstage's
 * own refresh endpoints, so that a plain cross-site form cannot sign in.
 *
 * It counts a right password as a success before the sign-in resolver runs,
 * and it sends the password on every refresh; the `ldap` provider of this
 * module does neither (see its README).
 *
 * @public
 */
export function createLdapAuthenticator(
  options: { logger?: LoggerService; throttleStore?: SignInThrottleStore } = {},
) {
  return createProxyAuthenticator<
    LdapCredentialsVerifier,
    LdapAuthResult,
    undefined
  >({
    defaultProfileTransform: ldapDefaultProfileTransform,
    initialize({ config }) {
      return LdapCredentialsVerifier.fromConfig(config, options);
    },
    async authenticate({ req }, verifier) {
      if (req.header('X-Requested-With') !== 'XMLHttpRequest') {
        throw new AuthenticationError('Invalid X-Requested-With header');
      }
      const { username, password } = requireBasicCredentials(req);
      return {
        result: await verifier.verify(username, password, {
          clientAddress: req.ip,
        }),
      };
    },
  });
}
