import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createFakeRancher } from '@wombat/plugin-wombat-node-test-utils';
import { http, HttpResponse } from 'msw';
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

  it('adds annotations to a project and keeps the others', async () => {
    const client = factory.forInstance();
    const project = await client.createProject({
      name: 'payments',
      clusterId: 'c-m-abc12',
    });
    const updated = await client.updateProject(project.id, {
      annotations: { 'wombat.dev/project': 'project:default/payments' },
    });
    expect(updated.annotations).toMatchObject({
      'wombat.dev/project': 'project:default/payments',
      'field.cattle.io/creatorId': expect.any(String),
    });
    expect(rancher.violations).toEqual([]);
  });

  it('sets labels and annotations of a namespace by merge patch', async () => {
    const kubernetes = factory.forInstance().kubernetes('c-m-abc12');
    await kubernetes.createNamespace({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team', labels: { team: 'a' } },
    });
    const patched = await kubernetes.patchNamespaceMetadata('team', {
      annotations: { 'wombat.dev/project': 'project:default/team' },
      labels: { 'wombat.dev/project': 'team' },
    });
    expect(patched.metadata?.labels).toMatchObject({
      team: 'a',
      'wombat.dev/project': 'team',
    });
    expect(patched.metadata?.annotations).toEqual({
      'wombat.dev/project': 'project:default/team',
    });
    expect(rancher.violations).toEqual([]);
  });

  describe('pagination', () => {
    const page = (data: unknown[], next?: string) =>
      HttpResponse.json({
        type: 'collection',
        data,
        pagination: next ? { limit: 1, next } : { limit: 1 },
      });

    it('follows next links on the instance, relative ones too', async () => {
      server.use(
        http.get('https://rancher.example.com/v3/projects', ({ request }) => {
          const marker = new URL(request.url).searchParams.get('marker');
          if (!marker) {
            return page(
              [{ id: 'c-m-abc12:p-1', name: 'a' }],
              'https://rancher.example.com/v3/projects?marker=m1&limit=1',
            );
          }
          return marker === 'm1'
            ? page([{ id: 'c-m-abc12:p-2', name: 'b' }], '?marker=m2&limit=1')
            : page([{ id: 'c-m-abc12:p-3', name: 'c' }]);
        }),
      );
      expect(
        (await factory.forInstance().listProjects('c-m-abc12')).map(
          p => p.name,
        ),
      ).toEqual(['a', 'b', 'c']);
    });

    it.each([
      ['another host', 'https://evil.example.com/v3/projects?marker=m1'],
      ['another scheme', 'http://rancher.example.com/v3/projects?marker=m1'],
      [
        'another port',
        'https://rancher.example.com:8443/v3/projects?marker=m1',
      ],
      ['a protocol-relative link', '//evil.example.com/v3/projects?marker=m1'],
    ])(
      'does not follow a next link to %s, and sends the API key nowhere else',
      async (_case, next) => {
        const elsewhere: Array<string | null> = [];
        const record = ({ request }: { request: Request }) => {
          elsewhere.push(request.headers.get('authorization'));
          return page([{ id: 'c-m-abc12:p-9', name: 'planted' }]);
        };
        server.use(
          http.get('https://rancher.example.com/v3/projects', () =>
            page([{ id: 'c-m-abc12:p-1', name: 'a' }], next),
          ),
          http.get('https://evil.example.com/*', record),
          http.get('http://rancher.example.com/*', record),
          http.get('https://rancher.example.com:8443/*', record),
        );
        const error = await factory
          .forInstance()
          .listProjects('c-m-abc12')
          .catch(e => e);
        expect(error).toMatchObject({
          name: 'ServiceUnavailableError',
          message:
            'Rancher default GET /v3/projects pointed its next page to another origin than https://rancher.example.com; not following it',
        });
        expect(elsewhere).toEqual([]);
      },
    );
  });
});
