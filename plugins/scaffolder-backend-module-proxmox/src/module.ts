import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { ProxmoxClientFactory } from '@wombat/plugin-wombat-node';
import { createProxmoxVmCreateAction } from './actions/proxmoxVmCreate';
import { createProxmoxVmDestroyAction } from './actions/proxmoxVmDestroy';

/**
 * Wombat's Proxmox VE actions for the scaffolder.
 *
 * @public
 */
export const scaffolderModuleWombatProxmox = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'wombat-proxmox',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        const proxmox = ProxmoxClientFactory.fromConfig(config);
        scaffolder.addActions(
          createProxmoxVmCreateAction({ proxmox }),
          createProxmoxVmDestroyAction({ proxmox }),
        );
      },
    });
  },
});
