import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Wombat's VM entity provider: the VMs tagged `wombat` in each
       * `wombat.proxmox.instances` entry, as Resource entities.
       */
      wombatProxmox?: {
        /**
         * How often each instance is read; default every 5 minutes, with a
         * timeout of 1 minute. Creating or destroying a VM with Wombat's
         * actions also reads that instance at once.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * The owner of VMs without a `wombat-owner.<group>` or
         * `wombat-owner-user.<user>` tag, as an entity reference such as
         * `group:default/platform`. Without it, such VMs are left out of the
         * catalog (with a warning in the log).
         */
        defaultOwner?: string;
      };
    };
  };
}
