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
export { LdapCredentialsVerifier } from './LdapCredentialsVerifier';
export type {
  LdapAuthResult,
  LdapCredentialsVerifierOptions,
  LdapVerifyOptions,
  PendingLdapSignIn,
} from './LdapCredentialsVerifier';
export { createLdapProviderFactory } from './providerFactory';
export type { LdapProviderFactoryOptions } from './providerFactory';
export { ldapSignInResolvers } from './resolvers';
export { CacheSignInThrottleStore } from './throttle/CacheSignInThrottleStore';
export { MemorySignInThrottleStore } from './throttle/MemorySignInThrottleStore';
export { SignInThrottle } from './throttle/SignInThrottle';
export type {
  SignInAttempt,
  SignInThrottleOptions,
} from './throttle/SignInThrottle';
export type {
  SignInThrottleStore,
  SignInThrottleValue,
} from './throttle/SignInThrottleStore';
