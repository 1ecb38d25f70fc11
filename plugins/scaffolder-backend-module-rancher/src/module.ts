import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  HarborClientFactory,
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
      },
      async init({ scaffolder, config, catalog }) {
        const rancher = RancherClientFactory.fromConfig(config);
        scaffolder.addActions(
          createRancherProjectCreateAction({ rancher, catalog }),
          createRancherNamespaceCreateAction({
            rancher,
            harbor: HarborClientFactory.fromConfig(config),
            catalog,
          }),
        );
      },
    });
  },
});
