import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { WombatEntitiesProcessor } from './processor/WombatEntitiesProcessor';

/**
 * Teaches the catalog Wombat's Project and Cluster kinds.
 *
 * @public
 */
export const catalogModuleWombat = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'wombat',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new WombatEntitiesProcessor());
      },
    });
  },
});
