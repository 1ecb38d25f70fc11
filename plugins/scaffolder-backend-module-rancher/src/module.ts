import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  HarborClientFactory,
  ProjectGuard,
  RancherClientFactory,
} from '@wombat/plugin-wombat-node';
import { createRancherNamespaceCreateAction } from './actions/rancherNamespaceCreate';
import { createRancherProjectCreateAction } from './actions/rancherProjectCreate';

/**
 * Wombat's Rancher actions for the scaffolder.
 *
 * @public
 */
export const scaffolderModuleWombatRancher = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'wombat-rancher',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
      },
      async init({ scaffolder, config, catalog, auth, userInfo }) {
        const rancher = RancherClientFactory.fromConfig(config);
        const guard = ProjectGuard.fromConfig(config, {
          catalog,
          auth,
          userInfo,
        });
        scaffolder.addActions(
          createRancherProjectCreateAction({ rancher, guard }),
          createRancherNamespaceCreateAction({
            rancher,
            harbor: HarborClientFactory.fromConfig(config),
            guard,
          }),
        );
      },
    });
  },
});
