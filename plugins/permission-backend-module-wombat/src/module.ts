import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ProjectDirectoryLoader } from './policy/ProjectDirectoryLoader';
import { readRbacConfig } from './policy/RbacConfig';
import { WombatPermissionPolicy } from './policy/WombatPermissionPolicy';

/**
 * Wombat's permission policy, configured by `wombat.rbac`, with project
 * memberships read from the catalog on a schedule.
 *
 * @public
 */
export const permissionModuleWombatPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'wombat-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        policy,
        config,
        logger,
        auth,
        userInfo,
        scheduler,
        catalog,
      }) {
        const rbac = readRbacConfig(config);
        const loader = new ProjectDirectoryLoader(
          catalog,
          auth,
          logger,
          rbac.maxDirectoryAgeSeconds,
        );
        // Every replica keeps its own copy, so the task runs on each of them.
        await scheduler.scheduleTask({
          id: 'wombat-rbac-project-directory',
          scope: 'local',
          frequency: { seconds: rbac.refreshSeconds },
          timeout: { seconds: Math.max(10, rbac.refreshSeconds) },
          fn: () => loader.refresh(),
        });
        policy.setPolicy(
          new WombatPermissionPolicy({
            config: rbac,
            directory: loader,
            userInfo,
            logger,
          }),
        );
      },
    });
  },
});
