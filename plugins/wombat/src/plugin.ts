import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  clusterDetailsEntityCard,
  clusterProjectsEntityCard,
  projectDetailsEntityCard,
  projectEntitiesEntityCard,
  projectEnvironmentsEntityCard,
  projectMembersEntityCard,
} from './entityCards';

/**
 * Wombat's frontend: entity page cards for the Project and Cluster kinds.
 *
 * @public
 */
export const wombatPlugin = createFrontendPlugin({
  pluginId: 'wombat',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    projectDetailsEntityCard,
    projectMembersEntityCard,
    projectEnvironmentsEntityCard,
    projectEntitiesEntityCard,
    clusterDetailsEntityCard,
    clusterProjectsEntityCard,
  ],
});
