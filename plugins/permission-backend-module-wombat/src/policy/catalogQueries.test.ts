import {
  BackstageUserPrincipal,
  HttpAuthService,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import catalogModuleWombat from '@wombat/plugin-catalog-backend-module-wombat';
import {
  ProjectEntityV1alpha1,
  wombatProjectTemplatePermission,
} from '@wombat/plugin-wombat-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { ProjectDirectory } from './ProjectDirectory';
import { readRbacConfig } from './RbacConfig';
import { WombatPermissionPolicy } from './WombatPermissionPolicy';
import { rbacConfig } from '../__testUtils__/org';

const catalogInfo = path.resolve(__dirname, '../../../../catalog-info');
const demoProjects = yaml
  .parseAllDocuments(
    fs.readFileSync(path.join(catalogInfo, 'projects.yaml'), 'utf8'),
  )
  .map(d => d.toJSON() as ProjectEntityV1alpha1);

/*
 * The catalog asks the permissions service; here that service is the policy
 * itself (in a deployment the permission backend sits between them, which
 * the backend smoke test covers). What matters is that the catalog turns the
 * policy's conditions into its database query.
 */
const policy = new WombatPermissionPolicy({
  config: readRbacConfig(rbacConfig),
  directory: { current: () => new ProjectDirectory(demoProjects) },
  userInfo: mockServices.userInfo(),
  logger: mockServices.logger.mock(),
});

const policyAsPermissionsService = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorizeConditional(requests: any[], options: any) {
      return Promise.all(
        requests.map(r =>
          policy.handle(
            { permission: r.permission },
            { credentials: options.credentials, info: {} as any },
          ),
        ),
      );
    },
    async authorize(requests: any[], options: any) {
      return Promise.all(
        requests.map(async r => {
          const decision = await policy.handle(
            { permission: r.permission },
            { credentials: options.credentials, info: {} as any },
          );
          // Resource checks with conditions are the catalog's to apply; the
          // catalog only calls authorize for permissions without them here.
          return decision.result === AuthorizeResult.CONDITIONAL
            ? { result: AuthorizeResult.DENY }
            : decision;
        }),
      );
    },
  }),
});

/*
 * The permission backend with the same policy, for what the frontend asks:
 * a resource permission with a resourceRef, whose conditional decision the
 * permission backend sends to the catalog's apply-conditions endpoint.
 */
const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'wombat-test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policies: policyExtensionPoint },
      async init({ policies }) {
        policies.setPolicy(policy);
      },
    });
  },
});

/*
 * The catalog's apply-conditions endpoint only takes a user's credentials
 * when a plugin sends them on the user's behalf (with an `actor`), as the
 * permission backend does. Backstage's mock HTTP auth drops the actor when
 * it reads such a token; this one puts it back and is the mock otherwise.
 */
const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const httpAuth = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: (res, options) => httpAuth.issueUserCookie(res, options),
      credentials: (async (
        req: Parameters<HttpAuthService['credentials']>[0],
        options?: any,
      ) => {
        const credentials = await httpAuth.credentials(req, options);
        const onBehalf = req.headers.authorization?.includes(
          MOCK_SERVICE_TOKEN_PREFIX,
        );
        const principal = credentials.principal as BackstageUserPrincipal;
        return onBehalf && principal.type === 'user'
          ? mockCredentials.user(principal.userEntityRef, {
              actor: { subject: 'plugin:permission' },
            })
          : credentials;
      }) as HttpAuthService['credentials'],
    };
  },
});

describe('the policy applied by the catalog', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  const names = async (user: string) => {
    const res = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({ filter: ['kind=project', 'kind=component'], limit: 100 })
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return (res.body.items as Entity[]).map(e => e.metadata.name).sort();
  };

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleWombat,
        permissionPlugin,
        policyModule,
        policyAsPermissionsService,
        httpAuthWithActors,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
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
              locations: [
                {
                  type: 'file',
                  target: path.join(catalogInfo, 'locations.yaml'),
                },
              ],
            },
          },
        }),
      ],
    }));

    // Kim is a developer of the private risk-engine; wait until the catalog
    // has read the demo entities.
    const deadline = Date.now() + 30_000;
    let member: string[] = [];
    while (!member.includes('fraud-model') && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 300));
      member = await names('user:default/kim');
    }
  }, 60_000);

  it("keeps a private project and its components out of an outsider's listing", async () => {
    expect(await names('user:default/kim')).toEqual(
      expect.arrayContaining([
        'risk-engine',
        'fraud-model',
        'payments',
        'payments-api',
      ]),
    );

    const outsider = await names('user:default/sofia');
    expect(outsider).toEqual(
      expect.arrayContaining([
        'payments',
        'payments-api',
        'web-shop',
        'storefront',
      ]),
    );
    expect(outsider).not.toContain('risk-engine');
    expect(outsider).not.toContain('fraud-model');

    const direct = await request(server)
      .get('/api/catalog/entities/by-name/component/default/fraud-model')
      .set('Authorization', mockCredentials.user.header('user:default/sofia'));
    expect(direct.status).toBe(404);
  });

  it('answers which projects one may run templates for through the permission backend', async () => {
    // What the project picker asks: one request per project, in a batch.
    const mayRunTemplates = async (user: string, refs: string[]) => {
      const res = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          items: refs.map((resourceRef, i) => ({
            id: String(i),
            permission: wombatProjectTemplatePermission,
            resourceRef,
          })),
        });
      expect(res.status).toBe(200);
      return Object.fromEntries(
        refs.map((ref, i) => [
          ref,
          res.body.items.find((item: any) => item.id === String(i)).result,
        ]),
      );
    };
    const refs = [
      'project:default/payments',
      'project:default/web-shop',
      'project:default/risk-engine',
      // in the payments project, but not a project
      'component:default/payments-api',
    ];

    // Neither Kim nor Sofia is a global developer in this configuration.
    expect(await mayRunTemplates('user:default/kim', refs)).toEqual({
      'project:default/payments': AuthorizeResult.ALLOW,
      'project:default/web-shop': AuthorizeResult.DENY,
      'project:default/risk-engine': AuthorizeResult.ALLOW,
      'component:default/payments-api': AuthorizeResult.DENY,
    });
    expect(await mayRunTemplates('user:default/sofia', refs)).toEqual({
      'project:default/payments': AuthorizeResult.DENY,
      'project:default/web-shop': AuthorizeResult.ALLOW,
      'project:default/risk-engine': AuthorizeResult.DENY,
      'component:default/payments-api': AuthorizeResult.DENY,
    });
    // Someone in no project: no conditions, a plain DENY.
    expect(
      await mayRunTemplates('user:default/nobody', [
        'project:default/payments',
      ]),
    ).toEqual({ 'project:default/payments': AuthorizeResult.DENY });
  });
});
