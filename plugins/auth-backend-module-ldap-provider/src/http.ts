import { AuthProviderRouteHandlers } from '@backstage/plugin-auth-node';

/** The Express request and response the auth backend hands to providers. */
export type ProviderRequest = Parameters<AuthProviderRouteHandlers['start']>[0];
export type ProviderResponse = Parameters<
  AuthProviderRouteHandlers['start']
>[1];
