import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  GitLabClientFactory,
  HarborClientFactory,
} from '@wombat/plugin-wombat-node';
import { createHarborProjectCreateAction } from './actions/harborProjectCreate';
import { createHarborRobotCreateAction } from './actions/harborRobotCreate';
import { createHarborWebhookCreateAction } from './actions/harborWebhookCreate';

/**
 * Wombat's Harbor actions for the scaffolder.
 *
 * @public
 */
export const scaffolderModuleWombatHarbor = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'wombat-harbor',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        const harbor = HarborClientFactory.fromConfig(config);
        scaffolder.addActions(
          createHarborProjectCreateAction({ harbor }),
          createHarborRobotCreateAction({
            harbor,
            gitlab: GitLabClientFactory.fromConfig(config),
          }),
          createHarborWebhookCreateAction({ harbor }),
        );
      },
    });
  },
});
