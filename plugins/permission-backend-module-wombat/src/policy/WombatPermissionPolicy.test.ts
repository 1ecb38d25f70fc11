import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
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
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { isInProject } from '@wombat/plugin-catalog-backend-module-wombat';
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
  | { tags: string[] };

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
      case 'HAS_STRING_PROPERTY':
        return r.input?.[params.key] === params.value;
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
const destroyPayments = {
  action: 'proxmox:vm:destroy',
  input: { project: 'payments' },
};
const destroyVault = {
  action: 'proxmox:vm:destroy',
  input: { project: 'vault' },
};
const createRepoPayments = {
  action: 'gitlab:project:create',
  input: { project: 'payments' },
};
/** A project none of the test users is a member of. */
const other = {
  ...payments,
  metadata: { name: 'other', namespace: 'default' },
  spec: { ...payments.spec, owner: 'group:default/team-other', members: [] },
};
const fetchTemplate = { action: 'fetch:template', input: {} };

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
    'create a location',
    catalogLocationCreatePermission,
    undefined,
    [true, false, false, false, true, false],
  ],
  [
    'create an entity',
    catalogEntityCreatePermission,
    undefined,
    [true, false, false, false, true, false],
  ],
  [
    'start a task',
    taskCreatePermission,
    undefined,
    [true, false, false, false, true, false],
  ],
  [
    'destroy a VM of the project',
    actionExecutePermission,
    destroyPayments,
    [true, true, false, false, false, false],
  ],
  [
    'destroy a VM of the private project',
    actionExecutePermission,
    destroyVault,
    [true, true, false, false, false, false],
  ],
  [
    'run an action for the project',
    actionExecutePermission,
    createRepoPayments,
    [true, true, true, false, true, false],
  ],
  [
    'run an action without a project',
    actionExecutePermission,
    fetchTemplate,
    [true, false, false, false, true, false],
  ],
  [
    'run templates for the project',
    wombatProjectTemplatePermission,
    payments,
    [true, true, true, false, true, false],
  ],
  [
    'run templates for the private project',
    wombatProjectTemplatePermission,
    vault,
    [true, true, true, false, true, false],
  ],
  [
    'run templates for a project one is not in',
    wombatProjectTemplatePermission,
    other,
    [true, false, false, false, true, false],
  ],
  [
    'run templates for an entity of the project, which is not a project',
    wombatProjectTemplatePermission,
    paymentsApi,
    [true, false, false, false, true, false],
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
    'cancel a task',
    taskCancelPermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'use the Kubernetes proxy',
    kubernetesProxyPermission,
    undefined,
    [true, false, false, false, false, false],
  ],
  [
    'list Kubernetes clusters',
    kubernetesClustersReadPermission,
    undefined,
    [true, true, true, true, true, true],
  ],
  [
    'read locations (any other read)',
    catalogLocationReadPermission,
    undefined,
    [true, true, true, true, true, true],
  ],
  [
    'anything else that changes something',
    customUpdate,
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

  it('allows reading everything unconditionally when there is nothing to hide', async () => {
    expect(
      await decide(
        'outsider',
        catalogEntityReadPermission,
        createPolicy([payments]),
      ),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('fails closed: denies until project data is loaded, and logs the reason once', async () => {
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
    expect(
      await decide('globalDeveloper', wombatProjectTemplatePermission, policy),
    ).toEqual({ result: AuthorizeResult.ALLOW });
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

  it('sees a membership change as soon as a new directory is read', async () => {
    let directory = new ProjectDirectory([payments, vault]);
    const policy = new WombatPermissionPolicy({
      config: readRbacConfig(rbacConfig),
      directory: { current: () => directory },
      userInfo,
      logger: mockServices.logger.mock(),
    });
    expect(
      allows(
        await decide('outsider', catalogEntityReadPermission, policy),
        vault,
      ),
    ).toBe(false);
    directory = new ProjectDirectory([
      payments,
      {
        ...vault,
        spec: {
          ...vault.spec,
          members: [
            ...vault.spec.members!,
            { member: 'group:default/team-web', role: 'viewer' },
          ],
        },
      },
    ]);
    expect(
      allows(
        await decide('outsider', catalogEntityReadPermission, policy),
        vault,
      ),
    ).toBe(true);
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
