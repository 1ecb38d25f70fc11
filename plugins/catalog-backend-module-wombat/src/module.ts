import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { wombatProjectTemplatePermission } from '@wombat/plugin-wombat-common';
import { WombatLocationProvider } from './locations/WombatLocationProvider';
import { hasProjectMember } from './permissions/hasProjectMember';
import { isInProject } from './permissions/isInProject';
import { WombatEntitiesProcessor } from './processor/WombatEntitiesProcessor';
import { WombatProxmoxVmProvider } from './provider/WombatProxmoxVmProvider';

/**
 * Teaches the catalog Wombat's Project and Cluster kinds, the permission
 * rule that matches a project's entities and the locations the golden paths
 * register, and keeps the VMs Wombat made in each Proxmox VE instance in the
 * catalog.
 *
 * @public
 */
export const catalogModuleWombat = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'wombat',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        permissionsRegistry: coreServices.permissionsRegistry,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        permissionsRegistry,
        config,
        logger,
        scheduler,
        events,
      }) {
        catalog.addProcessor(new WombatEntitiesProcessor());
        catalog.addEntityProvider(new WombatLocationProvider(events, logger));
        catalog.addEntityProvider(
          WombatProxmoxVmProvider.fromConfig(config, {
            logger,
            scheduler,
            events,
          }),
        );
        permissionsRegistry.addPermissionRules([isInProject, hasProjectMember]);
        // Decided on Project entities, so the catalog lists it among its own.
        permissionsRegistry.addPermissions([wombatProjectTemplatePermission]);
      },
    });
  },
});
