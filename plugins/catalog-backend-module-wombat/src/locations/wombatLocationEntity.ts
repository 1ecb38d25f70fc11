import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATION_PROJECT } from '@wombat/plugin-wombat-common';
import {
  WOMBAT_CLUSTER_LOCATION_TYPE,
  WOMBAT_PROJECT_LOCATION_TYPE,
  WombatLocationEvent,
} from '@wombat/plugin-wombat-node';
import { createHash } from 'node:crypto';

/**
 * The Location entity of a Wombat location: it reads its target like any
 * `url` location, but its origin is the Wombat location type with the
 * entity it was registered for, which `catalog.rules` and the processor go
 * by. A project's location is annotated with the project, so that it is
 * hidden with a private project.
 */
export function wombatLocationEntity(
  event: Pick<WombatLocationEvent, 'entityRef' | 'target'>,
): Entity {
  const { kind } = parseEntityRef(event.entityRef);
  const isProject = kind.toLocaleLowerCase('en-US') === 'project';
  const type = isProject
    ? WOMBAT_PROJECT_LOCATION_TYPE
    : WOMBAT_CLUSTER_LOCATION_TYPE;
  const origin = `${type}:${event.entityRef}`;
  const hash = createHash('sha256')
    .update(`${origin}\n${event.target}`)
    .digest('hex')
    .slice(0, 24);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: `wombat-${hash}`,
      namespace: 'default',
      description: `Where ${event.entityRef} is defined`,
      annotations: {
        [ANNOTATION_LOCATION]: origin,
        [ANNOTATION_ORIGIN_LOCATION]: origin,
        ...(isProject ? { [ANNOTATION_PROJECT]: event.entityRef } : {}),
      },
    },
    spec: { type: 'url', target: event.target },
  };
}
