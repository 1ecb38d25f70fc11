import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { WombatEntitiesProcessor } from './WombatEntitiesProcessor';

const location: LocationSpec = {
  type: 'url',
  target: 'https://gitlab.example.com/platform/catalog/-/blob/main/all.yaml',
};

const project: Entity = {
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Project',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {
    owner: 'team-payments',
    lifecycle: 'production',
    members: [
      { member: 'user:maria', role: 'manager' },
      { member: 'group:default/auditors', role: 'viewer' },
    ],
    environments: [
      { name: 'dev', cluster: 'dev-eu', namespace: 'payments-dev' },
      { name: 'prod', cluster: 'cluster:ops/prod-eu', namespace: 'payments' },
    ],
  },
};

const cluster: Entity = {
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Cluster',
  metadata: { name: 'dev-eu', namespace: 'default' },
  spec: {
    owner: 'user:default/ada',
    type: 'rancher',
    environment: 'development',
    rancher: { clusterId: 'c-m-abc12' },
  },
};

function componentIn(projectRef: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: { 'wombat.dev/project': projectRef },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

async function postProcess(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new WombatEntitiesProcessor().postProcessEntity(
    entity,
    location,
    result => emitted.push(result),
  );
  return emitted;
}

/** Emitted relations as "source type target" lines, sorted. */
function relationLines(emitted: CatalogProcessorResult[]) {
  const ref = (r: { kind: string; namespace: string; name: string }) =>
    `${r.kind.toLocaleLowerCase('en-US')}:${r.namespace}/${r.name}`;
  return emitted
    .flatMap(result =>
      result.type === 'relation'
        ? [
            `${ref(result.relation.source)} ${result.relation.type} ${ref(
              result.relation.target,
            )}`,
          ]
        : [],
    )
    .sort();
}

describe('WombatEntitiesProcessor', () => {
  const processor = new WombatEntitiesProcessor();

  describe('validateEntityKind', () => {
    it('accepts valid projects and clusters and ignores other kinds', async () => {
      await expect(processor.validateEntityKind(project)).resolves.toBe(true);
      await expect(processor.validateEntityKind(cluster)).resolves.toBe(true);
      await expect(
        processor.validateEntityKind(componentIn('payments')),
      ).resolves.toBe(false);
    });

    it.each([
      [
        'a project with an uppercase name',
        { ...project, metadata: { name: 'Payments' } },
        'metadata.name "Payments" must be a DNS-1123 label',
      ],
      [
        'a cluster with an uppercase name',
        { ...cluster, metadata: { name: 'Dev-EU' } },
        'metadata.name "Dev-EU" must be a DNS-1123 label',
      ],
      [
        'a project member with an unknown role',
        {
          ...project,
          spec: {
            ...project.spec,
            members: [{ member: 'user:maria', role: 'admin' }],
          },
        },
        'spec.members[0].role must be equal to one of the allowed values - allowedValues: manager,developer,viewer',
      ],
      [
        'a project member that is not a user or group',
        {
          ...project,
          spec: {
            ...project.spec,
            members: [{ member: 'component:payments-api', role: 'viewer' }],
          },
        },
        'spec.members[0].member "component:payments-api" is not a User or Group reference (kind component)',
      ],
      [
        'a project environment that points at something that is not a Cluster',
        {
          ...project,
          spec: {
            ...project.spec,
            environments: [
              { name: 'dev', cluster: 'resource:dev-eu', namespace: 'p' },
            ],
          },
        },
        'spec.environments[0].cluster "resource:dev-eu" is not a Cluster reference (kind resource)',
      ],
      [
        'a project owner that is not a user or group',
        { ...project, spec: { ...project.spec, owner: 'cluster:dev-eu' } },
        'spec.owner "cluster:dev-eu" is not a Group or User reference (kind cluster)',
      ],
      [
        'a cluster of an unknown type',
        { ...cluster, spec: { ...cluster.spec, type: 'nomad' } },
        'spec.type must be equal to one of the allowed values - allowedValues: rancher,kubernetes',
      ],
      [
        'a rancher cluster without its Rancher coordinates',
        {
          ...cluster,
          spec: { owner: 'platform', type: 'rancher', environment: 'staging' },
        },
        "spec must have required property 'rancher'",
      ],
      [
        'a cluster owner that is not a user or group',
        { ...cluster, spec: { ...cluster.spec, owner: 'project:payments' } },
        'spec.owner "project:payments" is not a Group or User reference (kind project)',
      ],
    ])('rejects %s', async (_case, entity, message) => {
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        message,
      );
    });
  });

  describe('preProcessEntity', () => {
    const preProcess = (entity: Entity, origin: LocationSpec) =>
      processor.preProcessEntity(entity, location, () => {}, origin);
    const fromPayments: LocationSpec = {
      type: 'wombat-project',
      target: 'project:default/payments',
    };

    it('takes from a Wombat location only the Project it was registered for', async () => {
      await expect(preProcess(project, fromPayments)).resolves.toBe(project);
      const other = {
        ...project,
        metadata: { name: 'risk-engine', namespace: 'default' },
      };
      await expect(preProcess(other, fromPayments)).rejects.toThrow(
        'The location of project:default/payments may define only that Project, not project:default/risk-engine',
      );
      const shadow = {
        ...project,
        metadata: { name: 'payments', namespace: 'evil' },
      };
      await expect(preProcess(shadow, fromPayments)).rejects.toThrow(
        'not project:evil/payments',
      );
    });

    it("puts what comes from a project's location into that project, and refuses what names another", async () => {
      const unannotated = componentIn('payments');
      unannotated.metadata.annotations = {};
      const result = await preProcess(unannotated, fromPayments);
      expect(result.metadata.annotations).toEqual({
        'wombat.dev/project': 'project:default/payments',
      });
      await expect(
        preProcess(componentIn('project:default/payments'), fromPayments),
      ).resolves.toMatchObject({ kind: 'Component' });
      await expect(
        preProcess(componentIn('risk-engine'), fromPayments),
      ).rejects.toThrow(
        'component:default/payments-api comes from the location of project:default/payments but names another project',
      );
    });

    it("takes from a cluster's Wombat location only that Cluster", async () => {
      const origin = {
        type: 'wombat-cluster',
        target: 'cluster:default/dev-eu',
      };
      await expect(preProcess(cluster, origin)).resolves.toBe(cluster);
      await expect(
        preProcess(
          { ...cluster, metadata: { name: 'mgmt', namespace: 'default' } },
          origin,
        ),
      ).rejects.toThrow(
        'may define only that Cluster, not cluster:default/mgmt',
      );
    });

    it('leaves entities of other locations alone', async () => {
      await expect(preProcess(project, location)).resolves.toBe(project);
    });
  });

  describe('postProcessEntity', () => {
    it('emits owner, membership and environment relations of a project both ways', async () => {
      expect(relationLines(await postProcess(project))).toEqual([
        'cluster:default/dev-eu deploymentTargetOf project:default/payments',
        'cluster:ops/prod-eu deploymentTargetOf project:default/payments',
        'group:default/auditors projectMemberOf project:default/payments',
        'group:default/team-payments ownerOf project:default/payments',
        'project:default/payments deploysTo cluster:default/dev-eu',
        'project:default/payments deploysTo cluster:ops/prod-eu',
        'project:default/payments hasProjectMember group:default/auditors',
        'project:default/payments hasProjectMember user:default/maria',
        'project:default/payments ownedBy group:default/team-payments',
        'user:default/maria projectMemberOf project:default/payments',
      ]);
    });

    it("emits a private project's relations out of the project only, so that the users, groups and clusters everyone reads do not name it", async () => {
      const secret = {
        ...project,
        spec: { ...project.spec, visibility: 'private' },
      };
      expect(relationLines(await postProcess(secret))).toEqual([
        'project:default/payments deploysTo cluster:default/dev-eu',
        'project:default/payments deploysTo cluster:ops/prod-eu',
        'project:default/payments hasProjectMember group:default/auditors',
        'project:default/payments hasProjectMember user:default/maria',
        'project:default/payments ownedBy group:default/team-payments',
      ]);
    });

    it('emits the owner relations of a cluster both ways', async () => {
      expect(relationLines(await postProcess(cluster))).toEqual([
        'cluster:default/dev-eu ownedBy user:default/ada',
        'user:default/ada ownerOf cluster:default/dev-eu',
      ]);
    });

    it('links an entity annotated with a project name to that project both ways', async () => {
      expect(relationLines(await postProcess(componentIn('payments')))).toEqual(
        [
          'component:default/payments-api partOfProject project:default/payments',
          'project:default/payments projectHasPart component:default/payments-api',
        ],
      );
    });

    it('accepts a full project reference in the annotation', async () => {
      expect(
        relationLines(
          await postProcess(componentIn('project:shared/payments')),
        ),
      ).toEqual([
        'component:default/payments-api partOfProject project:shared/payments',
        'project:shared/payments projectHasPart component:default/payments-api',
      ]);
    });

    it('reports an annotation that names something other than a project', async () => {
      const emitted = await postProcess(componentIn('group:default/team'));
      expect(relationLines(emitted)).toEqual([]);
      expect(emitted).toEqual([
        expect.objectContaining({
          type: 'error',
          location,
          error: expect.objectContaining({
            name: 'InputError',
            message:
              'metadata.annotations["wombat.dev/project"] "group:default/team" is not a Project reference (kind group)',
          }),
        }),
      ]);
    });

    it('emits nothing for an entity outside any project', async () => {
      const entity = componentIn('payments');
      entity.metadata.annotations = {};
      expect(await postProcess(entity)).toEqual([]);
    });
  });
});
