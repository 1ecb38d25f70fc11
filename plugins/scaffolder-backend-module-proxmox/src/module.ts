import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { ProxmoxClientFactory } from '@wombat/plugin-wombat-node';
import { createProxmoxVmCreateAction } from './actions/proxmoxVmCreate';
import { createProxmoxVmDestroyAction } from './actions/proxmoxVmDestroy';

/**
 * Wombat's Proxmox VE actions for the scaffolder. They announce the VMs they
 * create and destroy through the events service, for the catalog.
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
        events: eventsServiceRef,
      },
      async init({ scaffolder, config, events }) {
        const proxmox = ProxmoxClientFactory.fromConfig(config);
        scaffolder.addActions(
          createProxmoxVmCreateAction({ proxmox, events }),
          createProxmoxVmDestroyAction({ proxmox, events }),
        );
      },
    });
  },
});
