import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';

export const PROVIDER_CONFIG_KEY = 'catalog.providers.wombatProxmox';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 1 },
};

/** `catalog.providers.wombatProxmox`, with its defaults. */
export interface VmProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A full entity reference, e.g. `group:default/platform`. */
  defaultOwner?: string;
}

export function readVmProviderConfig(config: Config): VmProviderConfig {
  const own = config.getOptionalConfig(PROVIDER_CONFIG_KEY);
  const schedule = own?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        own.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const owner = own?.getOptionalString('defaultOwner');
  let defaultOwner: string | undefined;
  if (owner !== undefined) {
    try {
      defaultOwner = stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new Error(
        `${PROVIDER_CONFIG_KEY}.defaultOwner "${owner}" is not an entity reference such as group:default/platform: ${
          (error as Error).message
        }`,
      );
    }
  }
  return { schedule, defaultOwner };
}
