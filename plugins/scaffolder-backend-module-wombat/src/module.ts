import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { wombatGitLabMembers } from './filters/wombatGitLabMembers';
import { wombatHarborMembers } from './filters/wombatHarborMembers';
import { createWombatRancherMembersFilter } from './filters/wombatRancherMembers';
import { readPrincipalFormats } from './principalFormats';

/**
 * Template filters the golden paths use to turn a Wombat project's members
 * and roles into each system's members and roles.
 *
 * @public
 */
export const scaffolderModuleWombatTemplating = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'wombat-templating',
  register(reg) {
    reg.registerInit({
      deps: {
        templating: scaffolderTemplatingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ templating, config }) {
        templating.addTemplateFilters([
          wombatGitLabMembers,
          wombatHarborMembers,
          createWombatRancherMembersFilter(readPrincipalFormats(config)),
        ]);
      },
    });
  },
});
