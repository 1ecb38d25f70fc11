import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  PROJECT_KIND,
  wombatProjectTemplatePermission,
} from '@wombat/plugin-wombat-common';

/** A project as the picker offers it. */
export interface ProjectOption {
  /** The value the field writes: `project:default/payments`. */
  ref: string;
  /** What the picker shows: `Payments (payments)`. */
  label: string;
}

function toOption(entity: Entity): ProjectOption {
  const { name, namespace = 'default', title } = entity.metadata;
  const shortRef = namespace === 'default' ? name : `${namespace}/${name}`;
  return {
    ref: stringifyEntityRef(entity),
    label: title ? `${title} (${shortRef})` : shortRef,
  };
}

/**
 * The projects the signed-in user may run templates for. The policy decides,
 * not this code: one permission request per project, which the permission
 * API sends to the backend as a single batch.
 */
export async function loadRunnableProjects(
  catalogApi: CatalogApi,
  permissionApi: PermissionApi,
): Promise<ProjectOption[]> {
  const { items } = await catalogApi.getEntities({
    filter: { kind: PROJECT_KIND },
    fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
  });
  const decisions = await Promise.all(
    items.map(entity =>
      permissionApi.authorize({
        permission: wombatProjectTemplatePermission,
        resourceRef: stringifyEntityRef(entity),
      }),
    ),
  );
  return items
    .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
    .map(toOption)
    .sort((a, b) => a.label.localeCompare(b.label, 'en-US'));
}
