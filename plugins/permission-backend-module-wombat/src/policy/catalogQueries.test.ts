import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogModuleWombat from '@wombat/plugin-catalog-backend-module-wombat';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';
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

describe('the policy applied by the catalog', () => {
  it("keeps a private project and its components out of an outsider's listing", async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleWombat,
        policyAsPermissionsService,
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
    });

    const names = async (user: string) => {
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: ['kind=project', 'kind=component'], limit: 100 })
        .set('Authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      return (res.body.items as Entity[]).map(e => e.metadata.name).sort();
    };

    // Kim is a developer of the private risk-engine.
    const deadline = Date.now() + 30_000;
    let member: string[] = [];
    while (!member.includes('fraud-model') && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 300));
      member = await names('user:default/kim');
    }
    expect(member).toEqual(
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
  }, 60_000);
});
