import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { projectStamp } from '@wombat/plugin-wombat-common';
import { createFakeHarbor } from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import { ProjectScope } from '../../actions';
import { HarborClientFactory } from '../HarborClientFactory';

/** The scope ProjectGuard would give a developer (or an admin) of `ref`. */
export function scopeOf(ref: string, isAdmin = false): ProjectScope {
  const [namespace, name] = ref.replace(/^project:/, '').split('/');
  return {
    ref,
    namespace,
    name,
    systemName: namespace === 'default' ? name : `${namespace}.${name}`,
    stamp: projectStamp(ref),
    isNew: false,
    requester: {
      userEntityRef: isAdmin ? 'user:default/ada' : 'user:default/dana',
      isService: false,
      isAdmin,
      mayStartProjects: true,
      role: isAdmin ? undefined : 'developer',
    },
  };
}

/**
 * A fresh fake Harbor for each test with an unstamped project `payments`,
 * a client for it, and a check that nothing was sent Harbor would refuse.
 */
export function useHarbor() {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = HarborClientFactory.fromConfig(
    new ConfigReader({
      wombat: {
        harbor: {
          instances: [
            {
              name: 'default',
              url: 'https://harbor.example.com',
              username: 'admin',
              password: 'Harbor12345',
            },
          ],
        },
      },
    }),
    { retry: { baseDelayMs: 1 } },
  ).forInstance();
  const systems = { harbor: createFakeHarbor(), client, projectId: 0 };
  beforeEach(async () => {
    systems.harbor = createFakeHarbor();
    server.use(...systems.harbor.handlers);
    systems.projectId = await client.createProject({
      project_name: 'payments',
    });
  });
  afterEach(() => {
    if (systems.harbor.violations.length > 0) {
      throw new Error(
        `Harbor contract violations: ${systems.harbor.violations.join('; ')}`,
      );
    }
  });
  return systems;
}
