import { ConfigSources } from '@backstage/config-loader';
import path from 'node:path';
import { mayOfferGuestSignIn } from './guestSignIn';

const root = path.resolve(__dirname, '../../..');

/** app-config.yaml with app-config.production.yaml on top, as a deployment loads them. */
async function productionConfig() {
  const environment: Record<string, string> = {
    WOMBAT_BASE_URL: 'https://portal.example.com',
    GITLAB_HOST: 'gitlab.example.com',
  };
  const source = ConfigSources.defaultForTargets({
    rootDir: root,
    targets: [
      { type: 'path', target: path.join(root, 'app-config.yaml') },
      { type: 'path', target: path.join(root, 'app-config.production.yaml') },
    ],
    // The deployment's secrets and addresses are left unset.
    substitutionFunc: async name => environment[name],
  });
  const config = await ConfigSources.toConfig(source);
  config.close();
  return config;
}

/*
 * Maps merge across config files, arrays replace: whatever the production
 * file does not set again comes from the local demo's. None of what decides
 * who may do what may come from there.
 */
describe('the production configuration', () => {
  it("grants the demo's groups no role", async () => {
    const config = await productionConfig();
    expect(config.getStringArray('wombat.rbac.admins')).toEqual([
      'group:default/platform-admins',
    ]);
    expect(config.getConfigArray('wombat.rbac.roles')).toEqual([]);
    expect(config.getString('wombat.rbac.defaultRole')).toBe('viewer');
  });

  it('keeps its own catalog rules and no demo catalog', async () => {
    const config = await productionConfig();
    const rules = config.getConfigArray('catalog.rules').map(rule => ({
      allow: rule.getStringArray('allow'),
      locations: rule
        .getOptionalConfigArray('locations')
        ?.map(l => l.getString('type')),
    }));
    expect(rules).toEqual([
      {
        allow: ['Component', 'API', 'Resource', 'System', 'Domain'],
        locations: undefined,
      },
      {
        allow: ['Project', 'Component', 'API', 'Resource', 'System'],
        locations: ['wombat-project'],
      },
      { allow: ['Cluster'], locations: ['wombat-cluster'] },
    ]);
    const targets = config
      .getConfigArray('catalog.locations')
      .map(l => l.getString('target'));
    expect(targets).toEqual(['../../templates/locations.yaml']);
  });

  it('lets no other origin call it with credentials, and connects only to itself', async () => {
    const config = await productionConfig();
    expect(config.getString('backend.cors.origin')).toBe(
      'https://portal.example.com',
    );
    expect(config.getStringArray('backend.csp.connect-src')).toEqual([
      "'self'",
    ]);
  });

  it('offers no guest, even in a development-mode process', async () => {
    const config = await productionConfig();
    expect(config.getString('auth.environment')).toBe('production');
    expect(
      mayOfferGuestSignIn(
        'development',
        config.getOptionalString('auth.environment'),
      ),
    ).toBe(false);
    expect(mayOfferGuestSignIn('development', undefined)).toBe(true);
    expect(mayOfferGuestSignIn('production', 'development')).toBe(false);
  });
});
