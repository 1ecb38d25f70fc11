import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { WOMBAT_LOCATIONS_TOPIC } from '@wombat/plugin-wombat-node';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { catalogModuleWombat } from '../module';

/** Where the repositories' files are served from in this test. */
const FILES = 'https://files.example.com';
const files = new Map<string, string>();
const msw = setupServer(
  http.get(`${FILES}/*`, ({ request: req }) => {
    const body = files.get(new URL(req.url).pathname);
    return body === undefined
      ? new HttpResponse('not found', { status: 404 })
      : new HttpResponse(body, { headers: { 'content-type': 'text/yaml' } });
  }),
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//, () =>
    passthrough(),
  ),
);
registerMswTestHooks(msw);

const project = (name: string, namespace = 'default') => `---
apiVersion: wombat.dev/v1alpha1
kind: Project
metadata: { name: ${name}, namespace: ${namespace} }
spec: { owner: group:default/team-payments, lifecycle: experimental }
`;
const component = (name: string, projectRef?: string) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${
  projectRef ? `  annotations: { wombat.dev/project: ${projectRef} }\n` : ''
}spec: { type: service, lifecycle: experimental, owner: group:default/team-payments }
`;

async function startCatalog() {
  const events = mockServices.events();
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleWombat,
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: async () => events,
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { reading: { allow: [{ host: 'files.example.com' }] } },
          catalog: {
            processingInterval: { seconds: 1 },
            // As app-config.yaml has them: what anyone may register, and the
            // kinds Wombat's locations may hold.
            rules: [
              { allow: ['Component', 'API', 'Resource', 'System', 'Domain'] },
              {
                allow: ['Project', 'Component', 'API', 'Resource', 'System'],
                locations: [{ type: 'wombat-project' }],
              },
              { allow: ['Cluster'], locations: [{ type: 'wombat-cluster' }] },
            ],
          },
        },
      }),
    ],
  });
  const get = async (ref: string): Promise<Entity | undefined> => {
    const [kind, rest] = ref.split(':');
    const res = await request(server)
      .get(`/api/catalog/entities/by-name/${kind}/${rest}`)
      .set('Authorization', mockCredentials.service.header());
    return res.status === 200 ? res.body : undefined;
  };
  const waitFor = async (ref: string) => {
    for (let i = 0; i < 100; i++) {
      const entity = await get(ref);
      if (entity) return entity;
      await new Promise(r => setTimeout(r, 200));
    }
    const all = await request(server)
      .get('/api/catalog/entities')
      .set('Authorization', mockCredentials.service.header());
    throw new Error(
      `${ref} did not appear; ${JSON.stringify(
        all.body.map((e: Entity) => [e.metadata.name, (e as any).status]),
      )}`,
    );
  };
  return { server, events, get, waitFor };
}

describe('Wombat locations', () => {
  it('take in the Project they were registered for, with what belongs to it', async () => {
    files.set(
      '/payments/catalog-info.yaml',
      project('payments') + component('payments-api'),
    );
    const catalog = await startCatalog();
    await catalog.events.publish({
      topic: WOMBAT_LOCATIONS_TOPIC,
      eventPayload: {
        change: 'added',
        entityRef: 'project:default/payments',
        target: `${FILES}/payments/catalog-info.yaml`,
      },
    });
    const payments = await catalog.waitFor('project:default/payments');
    expect(
      payments.metadata.annotations?.[
        'backstage.io/managed-by-origin-location'
      ],
    ).toBe('wombat-project:project:default/payments');
    const api = await catalog.waitFor('component:default/payments-api');
    // It named no project, and came from the project's location.
    expect(api.metadata.annotations?.['wombat.dev/project']).toBe(
      'project:default/payments',
    );
  }, 60_000);

  it('refuse a Project other than the one they were registered for', async () => {
    files.set(
      '/sneaky/catalog-info.yaml',
      project('risk-engine') +
        project('payments', 'evil') +
        component('sneaky-api', 'project:default/risk-engine') +
        component('honest-api'),
    );
    const catalog = await startCatalog();
    await catalog.events.publish({
      topic: WOMBAT_LOCATIONS_TOPIC,
      eventPayload: {
        change: 'added',
        entityRef: 'project:default/sneaky',
        target: `${FILES}/sneaky/catalog-info.yaml`,
      },
    });
    // What may come from there arrives; what may not never does.
    await catalog.waitFor('component:default/honest-api');
    await new Promise(r => setTimeout(r, 2000));
    expect(await catalog.get('project:default/risk-engine')).toBeUndefined();
    expect(await catalog.get('project:evil/payments')).toBeUndefined();
    expect(await catalog.get('component:default/sneaky-api')).toBeUndefined();
  }, 60_000);

  it('are the only way a Project or a Cluster gets in: a registered url location may not hold them', async () => {
    files.set(
      '/raj/catalog-info.yaml',
      [
        project('raj-project'),
        `---
apiVersion: wombat.dev/v1alpha1
kind: Cluster
metadata: { name: mgmt }
spec: { owner: user:default/raj, type: rancher, environment: production, rancher: { clusterId: local } }
`,
        component('raj-api'),
      ].join(''),
    );
    const catalog = await startCatalog();
    const res = await request(catalog.server)
      .post('/api/catalog/locations')
      .set('Authorization', mockCredentials.user.header('user:default/raj'))
      .send({ type: 'url', target: `${FILES}/raj/catalog-info.yaml` });
    expect(res.status).toBe(201);
    await new Promise(r => setTimeout(r, 3000));
    expect(await catalog.get('project:default/raj-project')).toBeUndefined();
    expect(await catalog.get('cluster:default/mgmt')).toBeUndefined();
    // The whole file is refused: one entity of a kind the location may not
    // hold fails its processing.
    expect(await catalog.get('component:default/raj-api')).toBeUndefined();
  }, 60_000);
});
