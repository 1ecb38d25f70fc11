import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ProjectEntityV1alpha1 } from './ProjectEntityV1alpha1';
import { CLUSTER_KIND, PROJECT_KIND } from './constants';
import {
  checkEntityRef,
  createKindValidator,
  invalidField,
} from './validation';
import schema from './schema/Project.v1alpha1.schema.json';

function findDuplicate(values: string[]): string | undefined {
  return values.find((value, index) => values.indexOf(value) !== index);
}

function checkProjectRules(project: ProjectEntityV1alpha1) {
  const namespace = project.metadata.namespace;
  checkEntityRef('spec.owner', project.spec.owner, {
    allowedKinds: ['Group', 'User'],
    defaultKind: 'Group',
    defaultNamespace: namespace,
  });

  const members = project.spec.members ?? [];
  const memberRefs = members.map(({ member }, index) =>
    stringifyEntityRef(
      checkEntityRef(`spec.members[${index}].member`, member, {
        allowedKinds: ['User', 'Group'],
        defaultNamespace: namespace,
      }),
    ),
  );
  const duplicateMember = findDuplicate(memberRefs);
  if (duplicateMember) {
    throw invalidField(
      'spec.members',
      duplicateMember,
      'is listed more than once; give each member one role',
    );
  }

  const environments = project.spec.environments ?? [];
  environments.forEach(({ cluster }, index) =>
    checkEntityRef(`spec.environments[${index}].cluster`, cluster, {
      allowedKinds: [CLUSTER_KIND],
      defaultKind: CLUSTER_KIND,
      defaultNamespace: namespace,
    }),
  );
  const duplicateEnvironment = findDuplicate(environments.map(e => e.name));
  if (duplicateEnvironment) {
    throw invalidField(
      'spec.environments',
      duplicateEnvironment,
      'names more than one environment; environment names must be unique',
    );
  }
}

/**
 * Validates Project entities: the JSON schema, then references (members are
 * users or groups, environments point at clusters) and uniqueness.
 *
 * @public
 */
export const projectEntityV1alpha1Validator =
  createKindValidator<ProjectEntityV1alpha1>({
    kind: PROJECT_KIND,
    schema,
    checkRules: checkProjectRules,
  });
