import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesClustersReadPermission,
  kubernetesProxyPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  hasProjectMember,
  isInProject,
} from '@wombat/plugin-catalog-backend-module-wombat';
import { wombatProjectTemplatePermission } from '@wombat/plugin-wombat-common';
import {
  UserName,
  component,
  payments,
  rbacConfig,
  users,
  vault,
} from '../__testUtils__/org';
import { ProjectDirectory } from './ProjectDirectory';
import { readRbacConfig } from './RbacConfig';
import { WombatPermissionPolicy } from './WombatPermissionPolicy';

type Resource =
  | Entity
  | { action: string; input: Record<string, string> }
  | { tags: string[] }
  | { createdBy: string };

/** Applies a decision to a resource the way the owning plugins' rules do. */
function allows(decision: PolicyDecision, resource?: Resource): boolean {
  if (decision.result === AuthorizeResult.ALLOW) return true;
  if (decision.result === AuthorizeResult.DENY) return false;
  const evaluate = (
    criteria: PermissionCriteria<PermissionCondition>,
  ): boolean => {
    if ('allOf' in criteria) return criteria.allOf.every(evaluate);
    if ('anyOf' in criteria) return criteria.anyOf.some(evaluate);
    if ('not' in criteria) return !evaluate(criteria.not);
    const params = criteria.params as any;
    const r = resource as any;
    switch (criteria.rule) {
      case 'IS_IN_WOMBAT_PROJECT':
        return isInProject.apply(r, params);
      case 'HAS_WOMBAT_PROJECT_MEMBER':
        return hasProjectMember.apply(r, params);
      case 'HAS_SPEC':
        return (
          String(r.spec?.[params.key] ?? '').toLocaleLowerCase('en-US') ===
          params.value.toLocaleLowerCase('en-US')
        );
      case 'IS_TASK_OWNER':
        return params.createdBy.includes(r.createdBy);
      case 'IS_ENTITY_KIND':
        return params.kinds
          .map((k: string) => k.toLocaleLowerCase('en-US'))
          .includes(r.kind.toLocaleLowerCase('en-US'));
      case 'IS_ENTITY_OWNER':
        return (r.relations ?? []).some(
          (rel: any) =>
            rel.type === 'ownedBy' && params.claims.includes(rel.targetRef),
        );
      case 'HAS_ACTION_ID':
        return r.action === params.actionId;
      case 'HAS_TAG':
        return (r.tags ?? []).includes(params.tag);
      default:
        throw new Error(`unknown rule ${criteria.rule}`);
    }
  };
  return evaluate((decision as ConditionalPolicyDecision).conditions);
}

const userInfo = {
  async getUserInfo(credentials: any) {
    const ref = credentials.principal.userEntityRef as string;
    const name = (Object.keys(users) as UserName[]).find(
      u => users[u][0] === ref,
    )!;
    return { userEntityRef: ref, ownershipEntityRefs: [...users[name]] };
  },
};

function createPolicy(projects = [payments, vault]) {
  const directory = new ProjectDirectory(projects);
  return new WombatPermissionPolicy({
    config: readRbacConfig(rbacConfig),
    directory: { current: () => directory },
    userInfo,
    logger: mockServices.logger.mock(),
  });
}

async function decide(
  user: UserName,
  permission: Permission,
  policy = createPolicy(),
) {
  const credentials = mockCredentials.user(users[user][0]);
  return policy.handle({ permission }, { credentials, info: {} as any });
}

const customUpdate = createPermission({
  name: 'wombat.example.update',
  attributes: { action: 'update' },
});
const customRead = createPermission({
  name: 'wombat.example.read',
  attributes: { action: 'read' },
});

const paymentsApi = component(
  'payments-api',
  'payments',
  'group:default/team-payments',
);
const vaultWorker = component(
  'vault-worker',
  'vault',
  'group:default/team-payments',
);
const webThing = component('storefront', undefined, 'group:default/team-web');
const destroyVm = {
  action: 'proxmox:vm:destroy',
  input: { project: 'project:default/payments' },
};
const createRepo = {
  action: 'gitlab:project:create',
  input: { project: 'project:default/payments' },
};
/** Acts with the GitLab integration's token on whatever its input names. */
const backstageGitLabAction = {
  action: 'gitlab:projectAccessToken:create',
  input: {},
};
/** A project none of the test users is a member of. */
const other = {
  ...payments,
  metadata: { name: 'other', namespace: 'default' },
  spec: { ...payments.spec, owner: 'group:default/team-other', members: [] },
};
const fetchTemplate = { action: 'fetch:template', input: {} };
const fetchPlain = { action: 'fetch:plain', input: {} };
const locationEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'generated-x', namespace: 'default' },
  spec: { type: 'url', target: 'https://gitlab.example.com/x' },
};
const someoneElsesTask = { createdBy: 'user:default/nobody' };

//                                                       admin manager developer viewer globalDev outsider
const matrix: Array<[string, Permission, Resource | undefined, boolean[]]> = [
  [
    'read a public project',
    catalogEntityReadPermission,
    payments,
    [true, true, true, true, true, true],
  ],
  [
    'read a private project',
    catalogEntityReadPermission,
    vault,
    [true, true, true, true, false, false],
  ],
  [
    'read what belongs to a private project',
    catalogEntityReadPermission,
    vaultWorker,
    [true, true, true, true, false, false],
  ],
  [
    'read what belongs to a public project',
    catalogEntityReadPermission,
    paymentsApi,
    [true, true, true, true, true, true],
  ],
  [
    'read a Location entity, which names a repository',
    catalogEntityReadPermission,
    locationEntity,
    [true, false, false, false, false, false],
  ],
  [
    'refresh an entity of the project',
    catalogEntityRefreshPermission,
    paymentsApi,
    [true, true, true, true, false, false],
  ],
  [
    'refresh an entity one owns',
    catalogEntityRefreshPermission,
    webThing,
    [true, false, false, false, false, true],
  ],
  [
    'delete an entity of the project',
    catalogEntityDeletePermission,
    paymentsApi,
    [true, true, false, false, false, false],
  ],
  [
    'delete the private project',
    catalogEntityDeletePermission,
    vault,
    [true, true, false, false, false, false],
  ],
  [
    'delete an entity outside any project',
    catalogEntityDeletePermission,
    webThing,
    [true, false, false, false, false, false],
  ],
  [
    'delete a location',
    catalogLocationDeletePermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'create a location (reads any file with the integration token)',
    catalogLocationCreatePermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'create an entity',
    catalogEntityCreatePermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'validate an entity (resolves placeholders with the integration token)',
    catalogEntityValidatePermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'read locations',
    catalogLocationReadPermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'start a task',
    taskCreatePermission,
    undefined,
    [true, true, true, false, true, false],
  ],
  [
    "read someone else's task",
    taskReadPermission,
    someoneElsesTask,
    [true, false, false, false, false, false],
  ],
  [
    "cancel someone else's task",
    taskCancelPermission,
    someoneElsesTask,
    [true, false, false, false, false, false],
  ],
  [
    'dry-run a template of their own',
    templateDryRunPermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'run proxmox:vm:destroy, which checks the project itself',
    actionExecutePermission,
    destroyVm,
    [true, true, true, false, true, false],
  ],
  [
    'run a Wombat action, which checks the project itself',
    actionExecutePermission,
    createRepo,
    [true, true, true, false, true, false],
  ],
  [
    'run fetch:template',
    actionExecutePermission,
    fetchTemplate,
    [true, true, true, false, true, false],
  ],
  [
    "run fetch:plain, which reads any file with the integration's token",
    actionExecutePermission,
    fetchPlain,
    [true, false, false, false, false, false],
  ],
  [
    "run Backstage's GitLab actions, which act with the integration's token",
    actionExecutePermission,
    backstageGitLabAction,
    [true, false, false, false, false, false],
  ],
  [
    'run templates for the project',
    wombatProjectTemplatePermission,
    payments,
    [true, true, true, false, false, false],
  ],
  [
    'run templates for the private project',
    wombatProjectTemplatePermission,
    vault,
    [true, true, true, false, false, false],
  ],
  [
    'run templates for a project one is not in',
    wombatProjectTemplatePermission,
    other,
    [true, false, false, false, false, false],
  ],
  [
    'run templates for an entity of the project, which is not a project',
    wombatProjectTemplatePermission,
    paymentsApi,
    [true, false, false, false, false, false],
  ],
  [
    'see an admin-tagged parameter',
    templateParameterReadPermission,
    { tags: ['admin'] },
    [true, false, false, false, false, false],
  ],
  [
    'see an untagged parameter',
    templateParameterReadPermission,
    { tags: [] },
    [true, true, true, true, true, true],
  ],
  [
    'see an admin-tagged step',
    templateStepReadPermission,
    { tags: ['admin'] },
    [true, false, false, false, false, false],
  ],
  [
    'use the Kubernetes proxy',
    kubernetesProxyPermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'list Kubernetes clusters (no Kubernetes backend is installed)',
    kubernetesClustersReadPermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'anything else that changes something',
    customUpdate,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'anything else that reads',
    customRead,
    undefined,
    [true, false, false, false, false, false],
  ],
];

const names = Object.keys(users) as UserName[];

describe('WombatPermissionPolicy decisions', () => {
  it.each(matrix)('%s', async (_what, permission, resource, expected) => {
    const policy = createPolicy();
    const actual = await Promise.all(
      names.map(async user =>
        allows(await decide(user, permission, policy), resource),
      ),
    );
    expect(Object.fromEntries(names.map((n, i) => [n, actual[i]]))).toEqual(
      Object.fromEntries(names.map((n, i) => [n, expected[i]])),
    );
  });

  it('hides a private project that the last read of projects has not seen yet, and shows it to its people', async () => {
    const policy = createPolicy([payments]);
    const outsider = await decide(
      'outsider',
      catalogEntityReadPermission,
      policy,
    );
    expect(allows(outsider, payments)).toBe(true);
    expect(allows(outsider, vault)).toBe(false);
    for (const member of ['manager', 'developer', 'viewer'] as const) {
      expect(
        allows(
          await decide(member, catalogEntityReadPermission, policy),
          vault,
        ),
      ).toBe(true);
    }
  });

  it('lets the creator of a task read and cancel it, and nobody else but admins', async () => {
    const kimsTask = { createdBy: 'user:default/kim' };
    for (const permission of [taskReadPermission, taskCancelPermission]) {
      expect(allows(await decide('developer', permission), kimsTask)).toBe(
        true,
      );
      expect(allows(await decide('manager', permission), kimsTask)).toBe(false);
      expect(allows(await decide('admin', permission), kimsTask)).toBe(true);
    }
  });

  it('fails closed: denies until project data is loaded, and logs the reason once a minute', async () => {
    const logger = mockServices.logger.mock();
    const policy = new WombatPermissionPolicy({
      config: readRbacConfig(rbacConfig),
      directory: { current: () => undefined },
      userInfo,
      logger,
    });
    for (let i = 0; i < 3; i++) {
      expect(
        await decide('admin', catalogLocationReadPermission, policy),
      ).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('lets the catalog decide which projects one may run templates for', async () => {
    const policy = createPolicy();
    expect(
      await decide('developer', wombatProjectTemplatePermission, policy),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        allOf: [
          {
            rule: 'IS_ENTITY_KIND',
            resourceType: 'catalog-entity',
            params: { kinds: ['Project'] },
          },
          {
            rule: 'IS_IN_WOMBAT_PROJECT',
            resourceType: 'catalog-entity',
            params: {
              projects: ['project:default/payments', 'project:default/vault'],
            },
          },
        ],
      },
    });
    expect(
      await decide('viewer', wombatProjectTemplatePermission, policy),
    ).toEqual({ result: AuthorizeResult.DENY });
    // A global role grants no project.
    expect(
      await decide('globalDeveloper', wombatProjectTemplatePermission, policy),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('counts the owner group as manager when running templates', async () => {
    const decision = await createPolicy([payments]).handle(
      { permission: wombatProjectTemplatePermission },
      {
        credentials: mockCredentials.user('user:default/olga'),
        info: {
          userEntityRef: 'user:default/olga',
          ownershipEntityRefs: [
            'user:default/olga',
            'group:default/team-payments',
          ],
        },
      },
    );
    expect(allows(decision, payments)).toBe(true);
  });

  it('denies requests without a user', async () => {
    expect(
      await createPolicy().handle({
        permission: catalogLocationReadPermission,
      }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it("sees a membership change in the Project at once, and in what belongs to it at the directory's next read", async () => {
    let directory = new ProjectDirectory([payments, vault]);
    const policy = new WombatPermissionPolicy({
      config: readRbacConfig(rbacConfig),
      directory: { current: () => directory },
      userInfo,
      logger: mockServices.logger.mock(),
    });
    const reads = () => decide('outsider', catalogEntityReadPermission, policy);
    expect(allows(await reads(), vault)).toBe(false);
    expect(allows(await reads(), vaultWorker)).toBe(false);

    const withWebTeam = {
      ...vault,
      spec: {
        ...vault.spec,
        members: [
          ...vault.spec.members!,
          { member: 'group:default/team-web', role: 'viewer' as const },
        ],
      },
      relations: [
        ...vault.relations!,
        { type: 'hasProjectMember', targetRef: 'group:default/team-web' },
      ],
    };
    // The catalog holds the new member: the Project shows at once.
    expect(allows(await reads(), withWebTeam)).toBe(true);
    expect(allows(await reads(), vaultWorker)).toBe(false);
    directory = new ProjectDirectory([payments, withWebTeam]);
    expect(allows(await reads(), vaultWorker)).toBe(true);
  });

  it('rejects a configuration mistake at start', () => {
    expect(() =>
      readRbacConfig(
        new (rbacConfig.constructor as any)({
          wombat: {
            rbac: { roles: [{ subject: 'group:default/x', role: 'owner' }] },
          },
        }),
      ),
    ).toThrow(
      'wombat.rbac.roles[0].role "owner" must be admin, developer or viewer',
    );
  });
});
