import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createFakeRancher } from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import { RancherClientFactory } from './RancherClientFactory';

const TOKEN = 'token-test1:notrealsecret0123456789';

const factory = RancherClientFactory.fromConfig(
  new ConfigReader({
    wombat: {
      rancher: {
        instances: [
          {
            name: 'default',
            url: 'https://rancher.example.com/',
            token: TOKEN,
          },
        ],
      },
    },
  }),
  { retry: { baseDelayMs: 1 } },
);

describe('RancherClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let rancher: ReturnType<typeof createFakeRancher>;

  beforeEach(() => {
    rancher = createFakeRancher({ token: TOKEN });
    server.use(...rancher.handlers);
  });

  it('creates and lists projects, following norman pagination', async () => {
    const client = factory.forInstance();
    for (let i = 0; i < 3; i++) {
      await client.createProject({ name: `p${i}`, clusterId: 'c-m-abc12' });
    }
    expect(
      (await client.listProjects('c-m-abc12')).map(p => p.name).sort(),
    ).toEqual(expect.arrayContaining(['p0', 'p1', 'p2']));
    expect(await client.listProjects('c-m-abc12', 'p1')).toHaveLength(1);
    expect(rancher.violations).toEqual([]);
  });

  it("reports norman errors with Rancher's code and message", async () => {
    const error = await factory
      .forInstance()
      .createProject({ name: 'p', clusterId: 'c-nope' })
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /^Rancher default POST \/v3\/projects failed with 422: InvalidFormat: .*cluster/,
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it('reads and creates namespaces through the cluster proxy', async () => {
    const kubernetes = factory.forInstance().kubernetes('c-m-abc12');
    expect(await kubernetes.readNamespace('team')).toBeUndefined();
    await kubernetes.createNamespace({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team' },
    });
    expect((await kubernetes.readNamespace('team'))?.metadata?.name).toBe(
      'team',
    );
    const error = await kubernetes
      .createNamespace({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team' },
      })
      .catch(e => e);
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'Kubernetes create namespace team in cluster c-m-abc12 of Rancher default failed with 409: namespaces "team" already exists',
    );
    expect(rancher.violations).toEqual([]);
  });

  it('retries a briefly unavailable Kubernetes API', async () => {
    rancher.failNext({ method: 'GET', path: /namespaces\/team$/ }, 503, 2);
    const kubernetes = factory.forInstance().kubernetes('c-m-abc12');
    expect(await kubernetes.readNamespace('team')).toBeUndefined();
  });
});
