import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import { createLdapProviderFactory } from './providerFactory';

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
      },
      async init({ providers, config, auditor }) {
        providers.registerProvider({
          providerId: 'ldap',
          factory: createLdapProviderFactory({
            auditor,
            defaultEnvironment:
              config.getOptionalString('auth.environment') ?? 'development',
          }),
        });
      },
    });
  },
});
