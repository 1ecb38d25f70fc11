import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleWombat from '@wombat/plugin-catalog-backend-module-wombat';
import request from 'supertest';
import { DECISIONS } from './decisions';

/*
 * Every permission that the portal's plugins register gets an explicit row
 * in the policy, so that none falls to the fallback by accident: the list
 * comes from the plugins themselves, as the permission framework reads it.
 */
describe('the decision table', () => {
  it('has a row for every permission the installed plugins register', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleWombat,
        scaffolderPlugin,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    const registered = new Set<string>();
    for (const pluginId of ['catalog', 'scaffolder']) {
      const res = await request(server).get(
        `/api/${pluginId}/.well-known/backstage/permissions/metadata`,
      );
      expect(res.status).toBe(200);
      for (const permission of res.body.permissions ?? []) {
        registered.add(permission.name);
      }
    }
    // The catalog's and the scaffolder's own, and Wombat's.
    expect(registered).toContain('catalog.entity.read');
    expect(registered).toContain('scaffolder.template.dry-run');
    expect(registered).toContain('wombat.project.template.run');
    const missing = [...registered].filter(name => !DECISIONS.has(name));
    expect(missing).toEqual([]);
  });
});
