import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import { createLdapProviderFactory } from './providerFactory';
import { throttleStoreFor } from './throttle/throttleStoreFor';

/**
 * Sign-in with an LDAP username and password, as the auth provider `ldap`.
 *
 * @public
 */
export const authModuleLdapProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'ldap-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        auditor: coreServices.auditor,
        cache: coreServices.cache,
      },
      async init({ providers, config, auditor, cache }) {
        providers.registerProvider({
          providerId: 'ldap',
          factory: createLdapProviderFactory({
            auditor,
            throttleStore: throttleStoreFor(config, cache),
            defaultEnvironment:
              config.getOptionalString('auth.environment') ?? 'development',
          }),
        });
      },
    });
  },
});
