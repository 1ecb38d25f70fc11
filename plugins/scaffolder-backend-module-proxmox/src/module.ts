import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { ProjectGuard, ProxmoxClientFactory } from '@wombat/plugin-wombat-node';
import { createProxmoxVmCreateAction } from './actions/proxmoxVmCreate';
import { createProxmoxVmDestroyAction } from './actions/proxmoxVmDestroy';

/**
 * Wombat's Proxmox VE actions for the scaffolder. They check the
 * requester's role in the VM's project, and announce the VMs they create
 * and destroy through the events service, for the catalog.
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
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
      },
      async init({ scaffolder, config, events, catalog, auth, userInfo }) {
        const proxmox = ProxmoxClientFactory.fromConfig(config);
        const guard = ProjectGuard.fromConfig(config, {
          catalog,
          auth,
          userInfo,
        });
        scaffolder.addActions(
          createProxmoxVmCreateAction({ proxmox, guard, events }),
          createProxmoxVmDestroyAction({ proxmox, guard, events }),
        );
      },
    });
  },
});
