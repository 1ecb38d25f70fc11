/**
 * Sign-in to Backstage with an LDAP (OpenLDAP, Active Directory) username and
 * password, checked by binding to the directory.
 *
 * @packageDocumentation
 */

export { authModuleLdapProvider as default } from './module';
export {
  createLdapAuthenticator,
  ldapDefaultProfileTransform,
} from './authenticator';
export { readLdapProviderConfig } from './config';
export type { LdapProviderConfig } from './config';
export {
  INVALID_CREDENTIALS_MESSAGE,
  TooManySignInAttemptsError,
} from './errors';
export { FailedSignInThrottle } from './FailedSignInThrottle';
export type { FailedSignInThrottleOptions } from './FailedSignInThrottle';
export { LdapCredentialsVerifier } from './LdapCredentialsVerifier';
export type { LdapAuthResult } from './LdapCredentialsVerifier';
export { createLdapProviderFactory } from './providerFactory';
export type { LdapProviderFactoryOptions } from './providerFactory';
export { ldapSignInResolvers } from './resolvers';
