import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { GitLabClientFactory, ProjectGuard } from '@wombat/plugin-wombat-node';
import { createWombatCatalogRegisterAction } from './actions/catalogRegister';
import { wombatGitLabMembers } from './filters/wombatGitLabMembers';
import { wombatHarborMembers } from './filters/wombatHarborMembers';
import { createWombatRancherMembersFilter } from './filters/wombatRancherMembers';
import { readPrincipalFormats } from './principalFormats';

/**
 * What the golden paths need of Wombat beyond its systems' actions: the
 * template filters that turn a project's members and roles into each
 * system's, and `wombat:catalog:register`, through which they register
 * Projects and Clusters.
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
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        events: eventsServiceRef,
      },
      async init({
        templating,
        actions,
        config,
        catalog,
        auth,
        userInfo,
        events,
      }) {
        templating.addTemplateFilters([
          wombatGitLabMembers,
          wombatHarborMembers,
          createWombatRancherMembersFilter(readPrincipalFormats(config)),
        ]);
        actions.addActions(
          createWombatCatalogRegisterAction({
            guard: ProjectGuard.fromConfig(config, { catalog, auth, userInfo }),
            gitlab: GitLabClientFactory.fromConfig(config),
            integrations: ScmIntegrations.fromConfig(config),
            events,
          }),
        );
      },
    });
  },
});
