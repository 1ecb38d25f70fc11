import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  clusterDetailsEntityCard,
  clusterProjectsEntityCard,
  projectDetailsEntityCard,
  projectEntitiesEntityCard,
  projectEnvironmentsEntityCard,
  projectMembersEntityCard,
} from './entityCards';
import { dnsLabelFormField, projectPickerFormField } from './scaffolderFields';

/**
 * Wombat's frontend: entity page cards for the Project and Cluster kinds,
 * and field extensions for the scaffolder's forms.
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
    projectPickerFormField,
    dnsLabelFormField,
  ],
});
