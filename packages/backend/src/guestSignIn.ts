import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

/**
 * Whether guest sign-in may be offered: only in a development process
 * (`backstage-cli package start`) whose configuration says it is the
 * development environment. The production configuration sets
 * `auth.environment: production`, so a production deployment started in
 * development mode by mistake still has no guest to sign in as.
 */
export function mayOfferGuestSignIn(
  nodeEnv: string | undefined,
  authEnvironment: string | undefined,
): boolean {
  return (
    nodeEnv === 'development' &&
    (authEnvironment ?? 'development') === 'development'
  );
}

/** Installs the guest provider where `mayOfferGuestSignIn` allows it. */
export const guestSignIn = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (
      mayOfferGuestSignIn(
        process.env.NODE_ENV,
        config.getOptionalString('auth.environment'),
      )
    ) {
      yield import('@backstage/plugin-auth-backend-module-guest-provider');
    }
  },
});
