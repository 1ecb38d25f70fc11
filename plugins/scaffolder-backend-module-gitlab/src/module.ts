import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { GitLabClientFactory, ProjectGuard } from '@wombat/plugin-wombat-node';
import { createGitLabProjectCreateAction } from './actions/gitlabProjectCreate';

/**
 * Wombat's GitLab actions for the scaffolder. Its id differs from Backstage's
 * own GitLab module, so both can be installed.
 *
 * @public
 */
export const scaffolderModuleWombatGitLab = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'wombat-gitlab',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
      },
      async init({ scaffolder, config, catalog, auth, userInfo }) {
        scaffolder.addActions(
          createGitLabProjectCreateAction({
            integrations: ScmIntegrations.fromConfig(config),
            gitlab: GitLabClientFactory.fromConfig(config),
            guard: ProjectGuard.fromConfig(config, { catalog, auth, userInfo }),
            config,
          }),
        );
      },
    });
  },
});
