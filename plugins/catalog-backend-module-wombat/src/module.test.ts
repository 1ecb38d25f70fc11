import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  DEFAULT_PROXMOX_VMS,
  createFakeProxmox,
} from '@wombat/plugin-wombat-node-test-utils';
import { PROXMOX_VM_EVENTS_TOPIC } from '@wombat/plugin-wombat-node';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleWombat } from './module';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';

const demoCatalog = path.resolve(
  __dirname,
  '../../../catalog-info/locations.yaml',
);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

// Proxmox is the fake; the test's own requests to the backend go through.
const msw = setupServer(
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//, () =>
    passthrough(),
  ),
);
registerMswTestHooks(msw);

/** A running VM as proxmox:vm:create leaves it (the sandbox seeds the same). */
function wombatVm(vmid: number, name: string, tags: string[], ip: string) {
  return {
    vmid,
    node: 'pve1',
    name,
    template: false,
    status: 'running' as const,
    startedAt: Date.now() - 3_600_000,
    tags: ['wombat', ...tags],
    config: {
      cores: '2',
      memory: '4096',
      net0: `virtio=BC:24:11:00:01:${vmid.toString(16)},bridge=vmbr0`,
      agent: '1',
    },
    ip,
  };
}

/** VM 101 as the sandbox seeds it. */
const PAYMENTS_DB = wombatVm(
  101,
  'payments-db',
  ['wombat-project.payments', 'wombat-owner.team-payments'],
  '10.0.0.2/24',
);

async function startCatalog(
  databaseId: TestDatabaseId,
  options: { vms?: Array<ReturnType<typeof wombatVm>> } = {},
) {
  const knex = await databases.init(databaseId);
  const proxmox = createFakeProxmox({
    vms: [...DEFAULT_PROXMOX_VMS, ...(options.vms ?? [PAYMENTS_DB])],
  });
  msw.use(...proxmox.handlers);
  // One events service for the whole backend, as the default one is: what
  // the scaffolder's actions publish reaches the catalog's provider.
  const events = mockServices.events();
  const { server: backend } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleWombat,
      mockServices.database.factory({ knex }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: async () => events,
      }),
      mockServices.rootConfig.factory({
        data: {
          wombat: {
            proxmox: {
              instances: [
                {
                  name: 'default',
                  url: proxmox.baseUrl,
                  tokenId: 'wombat@pve!portal',
                  tokenSecret: '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e',
                  node: 'pve1',
                },
              ],
            },
          },
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
  return { server: backend, proxmox, events };
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

/** Reads an entity by reference as jdoe; undefined while it is not there. */
function entityReader(
  server: Awaited<ReturnType<typeof startCatalog>>['server'],
) {
  const auth = mockCredentials.user.header('user:default/jdoe');
  return async (ref: string) => {
    const res = await request(server)
      .get(`/api/catalog/entities/by-name/${ref.replace(/[:]/, '/')}`)
      .set('Authorization', auth);
    return res.status === 200 ? (res.body as Entity) : undefined;
  };
}

/** The entity once it has `count` relations of that type. */
function withRelations(
  byRef: (ref: string) => Promise<Entity | undefined>,
  ref: string,
  type: string,
  count: number,
): Promise<Entity> {
  return waitFor(async () => {
    const entity = await byRef(ref);
    return entity && relations(entity, type).length === count
      ? entity
      : undefined;
  });
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
      const { server } = await startCatalog(databaseId);
      const auth = mockCredentials.user.header('user:default/jdoe');
      const byRef = entityReader(server);

      // The last entity processed carries the last reverse relation.
      const payments = await withRelations(
        byRef,
        'project:default/payments',
        'projectHasPart',
        3,
      );
      expect(relations(payments, 'ownedBy')).toEqual([
        'group:default/team-payments',
      ]);
      expect(relations(payments, 'hasProjectMember')).toEqual([
        'group:default/auditors',
        'user:default/dana',
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
        'resource:default/payments-db',
      ]);

      // The private risk-engine deploys to dev-eu too, but its relations
      // point out of it only: the cluster, which everyone reads, does not
      // name it.
      const devEu = await withRelations(
        byRef,
        'cluster:default/dev-eu',
        'deploymentTargetOf',
        2,
      );
      expect(relations(devEu, 'deploymentTargetOf')).toEqual([
        'project:default/payments',
        'project:default/web-shop',
      ]);
      expect(relations(devEu, 'ownedBy')).toEqual(['group:default/platform']);

      const kim = await waitFor(() => byRef('user:default/kim'));
      expect(relations(kim, 'projectMemberOf')).toEqual([
        'project:default/payments',
      ]);
      // Project membership leaves Backstage's own org relations alone.
      expect(relations(kim, 'memberOf')).toEqual([
        'group:default/team-payments',
      ]);

      const api = await waitFor(() => byRef('component:default/payments-api'));
      expect(relations(api, 'partOfProject')).toEqual([
        'project:default/payments',
      ]);
      const platform = await withRelations(
        byRef,
        'group:default/platform',
        'ownerOf',
        3,
      );
      expect(relations(platform, 'ownerOf')).toEqual([
        'cluster:default/dev-eu',
        'cluster:default/prod-eu',
        'project:default/platform',
      ]);

      const kinds = await request(server)
        .get('/api/catalog/entity-facets?facet=kind')
        .set('Authorization', auth);
      expect(kinds.body.facets.kind).toEqual(
        expect.arrayContaining([
          { value: 'Project', count: 4 },
          { value: 'Cluster', count: 2 },
        ]),
      );
    }, 60_000);

    it("lists Wombat's Proxmox VMs as Resources of their project, at once after a change", async () => {
      const { server, proxmox, events } = await startCatalog(databaseId);
      const byRef = entityReader(server);

      const paymentsDb = await withRelations(
        byRef,
        'resource:default/payments-db',
        'partOfProject',
        1,
      );
      expect(relations(paymentsDb, 'partOfProject')).toEqual([
        'project:default/payments',
      ]);
      expect(relations(paymentsDb, 'ownedBy')).toEqual([
        'group:default/team-payments',
      ]);
      expect(paymentsDb.spec).toEqual({
        type: 'virtual-machine',
        owner: 'group:default/team-payments',
      });
      expect(paymentsDb.metadata.annotations).toMatchObject({
        'wombat.dev/project': 'project:default/payments',
        'wombat.dev/proxmox-instance': 'default',
        'wombat.dev/proxmox-node': 'pve1',
        'wombat.dev/proxmox-vmid': '101',
        'wombat.dev/proxmox-ip': '10.0.0.2',
      });

      // What proxmox:vm:create announces once it made a VM.
      proxmox.state.vms.push(
        wombatVm(
          102,
          'storefront-cache',
          ['wombat-project.web-shop', 'wombat-owner.team-web'],
          '10.0.0.3/24',
        ),
      );
      await events.publish({
        topic: PROXMOX_VM_EVENTS_TOPIC,
        eventPayload: { instance: 'default', vmid: 102, change: 'created' },
      });
      const cache = await withRelations(
        byRef,
        'resource:default/storefront-cache',
        'partOfProject',
        1,
      );
      expect(relations(cache, 'partOfProject')).toEqual([
        'project:default/web-shop',
      ]);

      // And proxmox:vm:destroy once it destroyed one.
      proxmox.state.vms = proxmox.state.vms.filter(vm => vm.vmid !== 101);
      await events.publish({
        topic: PROXMOX_VM_EVENTS_TOPIC,
        eventPayload: { instance: 'default', vmid: 101, change: 'destroyed' },
      });
      await waitFor(async () =>
        (await byRef('resource:default/payments-db')) ? undefined : true,
      );
      expect(proxmox.violations).toEqual([]);
    }, 60_000);

    it('rejects an invalid project with an error that names the field', async () => {
      // No VMs: nothing left processing when the test ends.
      const { server } = await startCatalog(databaseId, { vms: [] });
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
