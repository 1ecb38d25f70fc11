import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { isInProject } from './permissions/isInProject';
import { WombatEntitiesProcessor } from './processor/WombatEntitiesProcessor';

/**
 * Teaches the catalog Wombat's Project and Cluster kinds, and the permission
 * rule that matches a project's entities.
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
      },
      async init({ catalog, permissionsRegistry }) {
        catalog.addProcessor(new WombatEntitiesProcessor());
        permissionsRegistry.addPermissionRules([isInProject]);
      },
    });
  },
});
