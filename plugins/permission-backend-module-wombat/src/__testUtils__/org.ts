import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';

/** The relations the catalog module's processor emits from a Project. */
function withRelations(project: ProjectEntityV1alpha1): ProjectEntityV1alpha1 {
  return {
    ...project,
    relations: [
      { type: 'ownedBy', targetRef: project.spec.owner },
      ...(project.spec.members ?? []).map(m => ({
        type: 'hasProjectMember',
        targetRef: m.member,
      })),
    ],
  };
}

/** A public project with a manager, a developer group and a viewer group. */
export const payments: ProjectEntityV1alpha1 = withRelations({
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Project',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {
    owner: 'group:default/team-payments',
    lifecycle: 'production',
    visibility: 'internal',
    members: [
      { member: 'user:default/maria', role: 'manager' },
      { member: 'group:default/payments-devs', role: 'developer' },
      { member: 'group:default/auditors', role: 'viewer' },
    ],
  },
});

/** The same people in a private project. */
export const vault: ProjectEntityV1alpha1 = withRelations({
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Project',
  metadata: { name: 'vault', namespace: 'default' },
  spec: {
    owner: 'group:default/team-payments',
    lifecycle: 'production',
    visibility: 'private',
    members: [
      { member: 'user:default/maria', role: 'manager' },
      { member: 'group:default/payments-devs', role: 'developer' },
      { member: 'group:default/auditors', role: 'viewer' },
    ],
  },
});

/** Users and their ownership references (themselves and their groups). */
export const users = {
  admin: ['user:default/ada', 'group:default/platform-admins'],
  manager: ['user:default/maria'],
  developer: ['user:default/kim', 'group:default/payments-devs'],
  viewer: ['user:default/victor', 'group:default/auditors'],
  globalDeveloper: ['user:default/gil', 'group:default/platform'],
  outsider: ['user:default/otto', 'group:default/team-web'],
} as const;

export type UserName = keyof typeof users;

export const rbacConfig = new ConfigReader({
  wombat: {
    rbac: {
      admins: ['group:default/platform-admins'],
      roles: [{ subject: 'group:default/platform', role: 'developer' }],
      defaultRole: 'viewer',
    },
  },
});

export function component(
  name: string,
  project?: string,
  owner = 'group:default/team-web',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: project ? { 'wombat.dev/project': project } : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    // As the catalog module's processor emits them.
    relations: [
      { type: 'ownedBy', targetRef: owner },
      ...(project
        ? [{ type: 'partOfProject', targetRef: `project:default/${project}` }]
        : []),
    ],
  };
}
