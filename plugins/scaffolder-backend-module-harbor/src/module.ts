import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  GitLabClientFactory,
  HarborClientFactory,
  ProjectGuard,
} from '@wombat/plugin-wombat-node';
import { createHarborProjectCreateAction } from './actions/harborProjectCreate';
import { createHarborRobotCreateAction } from './actions/harborRobotCreate';
import { createHarborWebhookCreateAction } from './actions/harborWebhookCreate';
import { WebhookTargetAllowList } from './harbor/webhookTargets';

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
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
      },
      async init({ scaffolder, config, catalog, auth, userInfo }) {
        const harbor = HarborClientFactory.fromConfig(config);
        const guard = ProjectGuard.fromConfig(config, {
          catalog,
          auth,
          userInfo,
        });
        scaffolder.addActions(
          createHarborProjectCreateAction({ harbor, guard }),
          createHarborRobotCreateAction({
            harbor,
            gitlab: GitLabClientFactory.fromConfig(config),
            guard,
          }),
          createHarborWebhookCreateAction({
            harbor,
            guard,
            allowedTargets: WebhookTargetAllowList.fromConfig(config),
          }),
        );
      },
    });
  },
});
