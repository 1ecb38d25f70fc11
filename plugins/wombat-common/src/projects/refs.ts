import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { PROJECT_KIND } from '../kinds/constants';

/**
 * A reference in the form every comparison uses: kind, namespace and name
 * spelled out, lowercase. Backstage compares references without case, so
 * `Group:default/Team-A` and `group:team-a` are the same subject.
 *
 * @public
 */
export function normalizeEntityRef(
  ref: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), {
      defaultKind: defaults.defaultKind,
      defaultNamespace: defaults.defaultNamespace ?? DEFAULT_NAMESPACE,
    }),
  ).toLocaleLowerCase('en-US');
}

const FULL_PROJECT_REF =
  /^project:([a-z0-9]+(?:-+[a-z0-9]+)*)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/**
 * Parses the `project` input of Wombat's actions: a full reference such as
 * `project:default/payments`, kind and namespace included, so that a project
 * of another namespace can never be mistaken for this one. Case is ignored.
 * Throws an InputError that says what was expected.
 *
 * @public
 */
export function parseProjectRef(
  value: string,
  field = 'project',
): CompoundEntityRef {
  const match = value.trim().toLocaleLowerCase('en-US').match(FULL_PROJECT_REF);
  if (!match || match[2].length > 63 || match[1].length > 63) {
    throw new InputError(
      `${field} ${JSON.stringify(
        value,
      )} is not a full Project reference such as project:default/payments`,
    );
  }
  return { kind: PROJECT_KIND, namespace: match[1], name: match[2] };
}

/** `project:<namespace>/<name>`, lowercase. @public */
export function stringifyProjectRef(ref: CompoundEntityRef): string {
  return `project:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
}

/** The normalised reference of a Project entity. @public */
export function projectRefOf(entity: Entity): string {
  return stringifyProjectRef({
    kind: PROJECT_KIND,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  });
}
