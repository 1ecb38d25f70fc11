import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleWombat } from './module';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';

const demoCatalog = path.resolve(
  __dirname,
  '../../../catalog-info/locations.yaml',
);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

async function startCatalog(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleWombat,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: [
                  'Location',
                  'User',
                  'Group',
                  'Project',
                  'Cluster',
                  'Component',
                  'Resource',
                ],
              },
            ],
            locations: [{ type: 'file', target: demoCatalog }],
          },
        },
      }),
    ],
  });
  return server;
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('Timed out waiting for the catalog');
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

function relations(entity: Entity, type: string) {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

describe.each(databases.eachSupportedId())(
  'the catalog with the Wombat module on %s',
  databaseId => {
    it('loads the demo projects and clusters with their relations both ways', async () => {
      const server = await startCatalog(databaseId);
      const auth = mockCredentials.user.header('user:default/jdoe');
      const byRef = async (ref: string) => {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/${ref.replace(/[:]/, '/')}`)
          .set('Authorization', auth);
        return res.status === 200 ? (res.body as Entity) : undefined;
      };

      // The last entity processed carries the last reverse relation.
      const payments = await waitFor(async () => {
        const entity = await byRef('project:default/payments');
        return entity && relations(entity, 'projectHasPart').length === 3
          ? entity
          : undefined;
      });
      expect(relations(payments, 'ownedBy')).toEqual([
        'group:default/team-payments',
      ]);
      expect(relations(payments, 'hasProjectMember')).toEqual([
        'group:default/auditors',
        'user:default/jdoe',
        'user:default/kim',
        'user:default/maria',
      ]);
      expect(relations(payments, 'deploysTo')).toEqual([
        'cluster:default/dev-eu',
        'cluster:default/prod-eu',
      ]);
      expect(relations(payments, 'projectHasPart')).toEqual([
        'component:default/invoice-worker',
        'component:default/payments-api',
        'resource:default/payments-db-vm',
      ]);

      const devEu = await waitFor(async () => {
        const entity = await byRef('cluster:default/dev-eu');
        return entity && relations(entity, 'deploymentTargetOf').length === 3
          ? entity
          : undefined;
      });
      expect(relations(devEu, 'deploymentTargetOf')).toEqual([
        'project:default/payments',
        'project:default/risk-engine',
        'project:default/web-shop',
      ]);
      expect(relations(devEu, 'ownedBy')).toEqual(['group:default/platform']);

      const kim = await waitFor(() => byRef('user:default/kim'));
      expect(relations(kim, 'projectMemberOf')).toEqual([
        'project:default/payments',
        'project:default/risk-engine',
      ]);
      // Project membership leaves Backstage's own org relations alone.
      expect(relations(kim, 'memberOf')).toEqual([
        'group:default/team-payments',
      ]);

      const api = await waitFor(() => byRef('component:default/payments-api'));
      expect(relations(api, 'partOfProject')).toEqual([
        'project:default/payments',
      ]);
      const platform = await waitFor(async () => {
        const entity = await byRef('group:default/platform');
        return entity && relations(entity, 'ownerOf').length === 2
          ? entity
          : undefined;
      });
      expect(relations(platform, 'ownerOf')).toEqual([
        'cluster:default/dev-eu',
        'cluster:default/prod-eu',
      ]);

      const kinds = await request(server)
        .get('/api/catalog/entity-facets?facet=kind')
        .set('Authorization', auth);
      expect(kinds.body.facets.kind).toEqual(
        expect.arrayContaining([
          { value: 'Project', count: 3 },
          { value: 'Cluster', count: 2 },
        ]),
      );
    });

    it('rejects an invalid project with an error that names the field', async () => {
      const server = await startCatalog(databaseId);
      const validate = (entity: Entity) =>
        request(server)
          .post('/api/catalog/validate-entity')
          .set('Authorization', mockCredentials.user.header())
          .send({
            entity,
            location:
              'url:https://gitlab.example.com/x/-/blob/main/catalog-info.yaml',
          });
      const project: Entity = {
        apiVersion: 'wombat.dev/v1alpha1',
        kind: 'Project',
        metadata: { name: 'payments' },
        spec: {
          owner: 'group:default/team-payments',
          lifecycle: 'production',
          members: [{ member: 'user:default/jdoe', role: 'developer' }],
          environments: [
            { name: 'dev', cluster: 'cluster:default/dev-eu', namespace: 'p' },
          ],
        },
      };
      expect((await validate(project)).status).toBe(200);

      const invalid = await validate({
        ...project,
        spec: {
          ...project.spec,
          environments: [
            {
              name: 'dev',
              cluster: 'component:default/dev-eu',
              namespace: 'p',
            },
          ],
        },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(
            'spec.environments[0].cluster "component:default/dev-eu" is not a Cluster reference',
          ),
        }),
      ]);
    });
  },
);
