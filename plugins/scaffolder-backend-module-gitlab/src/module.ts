import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { GitLabClientFactory } from '@wombat/plugin-wombat-node';
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
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createGitLabProjectCreateAction({
            integrations: ScmIntegrations.fromConfig(config),
            gitlab: GitLabClientFactory.fromConfig(config),
            config,
          }),
        );
      },
    });
  },
});
