import {
  DEMO_LDAP_BASE_DN,
  type FakeGitLab,
  type FakeHarbor,
  type FakeRancher,
} from '@wombat/plugin-wombat-node-test-utils';
import { projectStamp } from '@wombat/plugin-wombat-common';
import { SANDBOX_CREDENTIALS } from '../credentials';
import type { BareRepositories } from '../gitlab/BareRepositories';
import type { SandboxSeed } from '../seed/SandboxSeed';
import { callFake } from './callFake';

type ProjectRole = SandboxSeed['projects'][number]['members'][number]['role'];

/** The demo projects are all in the catalog's default namespace. */
const refOf = (project: { name: string }) => `project:default/${project.name}`;

/** Users and groups come from the demo directory, as Rancher's OpenLDAP provider names them. */
export function ldapUserPrincipal(username: string): string {
  return `openldap_user://uid=${username},ou=people,${DEMO_LDAP_BASE_DN}`;
}

export function ldapGroupPrincipal(group: string): string {
  return `openldap_group://cn=${group},ou=groups,${DEMO_LDAP_BASE_DN}`;
}

/** A group per team (nested as the teams are) and a repository per component. */
export async function seedGitLab(
  gitlab: FakeGitLab,
  repositories: BareRepositories,
  seed: SandboxSeed,
  options: { commit: boolean },
) {
  const api = (method: string, path: string, body?: unknown) =>
    callFake(gitlab.handlers, `${gitlab.baseUrl}/api/v4${path}`, {
      method,
      headers: { 'private-token': gitlab.token },
      body,
    });
  const groupIds = new Map<string, number>();
  const pending = [...seed.groups];
  while (pending.length > 0) {
    const index = pending.findIndex(g => !g.parent || groupIds.has(g.parent));
    if (index < 0) {
      throw new Error(
        `Groups with unknown parents: ${pending.map(g => g.name)}`,
      );
    }
    const [group] = pending.splice(index, 1);
    const { body } = await api('POST', '/groups', {
      name: group.title,
      path: group.name,
      visibility: 'internal',
      ...(group.parent ? { parent_id: groupIds.get(group.parent) } : {}),
    });
    groupIds.set(group.name, body.id);
  }
  // Each demo project's own group, with its repository, stamped as New
  // project leaves them (a team's group of the same name is stamped).
  for (const project of seed.projects) {
    const stamp = projectStamp(refOf(project));
    const description = `Wombat project ${refOf(project)} (${stamp})`;
    let groupId = groupIds.get(project.name);
    if (groupId === undefined) {
      const { body } = await api('POST', '/groups', {
        name: project.title,
        path: project.name,
        visibility: project.visibility === 'private' ? 'private' : 'internal',
        description,
      });
      groupId = body.id as number;
      groupIds.set(project.name, groupId);
    } else {
      await api('PUT', `/groups/${groupId}`, { description });
    }
    await api('POST', '/projects', {
      name: project.name,
      path: project.name,
      namespace_id: groupId,
      description: project.title,
      visibility: project.visibility === 'private' ? 'private' : 'internal',
      default_branch: 'main',
      topics: ['wombat', stamp],
    });
  }
  // Projects one by one, so their ids do not depend on timing; their
  // repositories' first commits side by side, since git is the slow part.
  const commits: Array<Promise<void>> = [];
  for (const repository of seed.repositories) {
    const { body: namespace } = await api(
      'GET',
      `/namespaces/${encodeURIComponent(repository.group)}`,
    );
    const { body } = await api('POST', '/projects', {
      name: repository.name,
      path: repository.name,
      namespace_id: namespace.id,
      description: repository.description,
      visibility: repository.visibility,
      default_branch: 'main',
    });
    const project = gitlab.state.projects.find(p => p.id === body.id)!;
    project.empty_repo = false;
    if (options.commit) {
      commits.push(
        repositories
          .commitFiles(project, repository.files, 'Initial commit')
          .then(() => undefined),
      );
    }
  }
  await Promise.all(commits);
}

const HARBOR_ROLES: Record<ProjectRole | 'owner', number> = {
  owner: 1, // projectAdmin
  manager: 4, // maintainer
  developer: 2,
  viewer: 3, // guest
};

/** A private registry project per demo project, with its people as members. */
export async function seedHarbor(harbor: FakeHarbor, seed: SandboxSeed) {
  const { username, password } = SANDBOX_CREDENTIALS.harbor;
  const api = (method: string, path: string, body?: unknown) =>
    callFake(harbor.handlers, `${harbor.baseUrl}/api/v2.0${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
          'base64',
        )}`,
        'x-is-resource-name': 'true',
      },
      body,
    });
  for (const project of seed.projects) {
    await api('POST', '/projects', {
      project_name: project.name,
      metadata: { public: 'false' },
    });
    // The stamp: Wombat's disabled marker robot (Harbor creates robots
    // enabled, so it is disabled in a second request, as Wombat does).
    const robot = {
      name: 'wombat',
      description: `Marks this Harbor project as a Wombat project's: ${projectStamp(
        refOf(project),
      )}. Disabled; it serves no one.`,
      level: 'project',
      duration: -1,
      permissions: [
        {
          kind: 'project',
          namespace: project.name,
          access: [{ resource: 'repository', action: 'pull' }],
        },
      ],
    };
    const { body: created } = await api('POST', '/robots', robot);
    await api('PUT', `/robots/${created.id}`, {
      ...robot,
      name: created.name,
      disable: true,
    });
    const members = [
      { kind: 'group' as const, name: project.owner, role: 'owner' as const },
      ...project.members,
    ];
    for (const member of members) {
      await api('POST', `/projects/${project.name}/members`, {
        role_id: HARBOR_ROLES[member.role],
        ...(member.kind === 'user'
          ? { member_user: { username: member.name } }
          : { member_group: { group_name: member.name, group_type: 1 } }),
      });
    }
  }
}

const RANCHER_ROLES: Record<ProjectRole, string> = {
  manager: 'project-owner',
  developer: 'project-member',
  viewer: 'read-only',
};

/**
 * A Rancher project per demo project on each cluster it has an environment
 * on, with its namespaces and its people bound to project roles.
 */
export async function seedRancher(rancher: FakeRancher, seed: SandboxSeed) {
  const api = (method: string, path: string, body?: unknown) =>
    callFake(rancher.handlers, `${rancher.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${rancher.token}` },
      body,
    });
  for (const project of seed.projects) {
    const clusterIds = [...new Set(project.namespaces.map(n => n.clusterId))];
    for (const clusterId of clusterIds) {
      const { body: created } = await api('POST', '/v3/projects', {
        name: project.name,
        clusterId,
        description: project.title,
        annotations: { 'wombat.dev/project': refOf(project) },
      });
      const bindings = [
        {
          kind: 'group' as const,
          name: project.owner,
          role: 'manager' as const,
        },
        ...project.members,
      ];
      for (const member of bindings) {
        await api('POST', '/v3/projectroletemplatebindings', {
          projectId: created.id,
          roleTemplateId: RANCHER_ROLES[member.role],
          ...(member.kind === 'user'
            ? { userPrincipalId: ldapUserPrincipal(member.name) }
            : { groupPrincipalId: ldapGroupPrincipal(member.name) }),
        });
      }
      for (const namespace of project.namespaces.filter(
        n => n.clusterId === clusterId,
      )) {
        await api('POST', `/k8s/clusters/${clusterId}/api/v1/namespaces`, {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: namespace.name,
            labels: { 'wombat.dev/project': project.name },
            annotations: {
              'field.cattle.io/projectId': created.id,
              'wombat.dev/project': refOf(project),
            },
          },
        });
      }
    }
  }
}
