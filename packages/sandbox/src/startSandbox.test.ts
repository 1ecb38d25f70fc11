import { request } from 'node:http';
import { startSandbox, type Sandbox } from './startSandbox';

describe('startSandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  const hook = (path: string, init?: RequestInit) =>
    fetch(`${sandbox.urls.harbor}/_sandbox${path}`, init);
  const harborAuth = {
    authorization: `Basic ${Buffer.from(
      'admin:sandbox-harbor-password',
    ).toString('base64')}`,
  };

  it('is seeded from the demo catalog', () => {
    const state = sandbox.state();
    expect(state.gitlab.users.map(u => u.username)).toEqual(
      expect.arrayContaining(['root', 'jdoe', 'maria', 'ada']),
    );
    expect(state.gitlab.namespaces.map(n => n.full_path)).toEqual(
      expect.arrayContaining(['team-payments', 'platform/platform-admins']),
    );
    expect(state.gitlab.projects.map(p => p.path_with_namespace)).toEqual(
      expect.arrayContaining(['team-payments/payments-api']),
    );
    expect(state.harbor.projects.map(p => p.name)).toEqual(
      expect.arrayContaining([
        'library',
        'payments',
        'web-shop',
        'risk-engine',
      ]),
    );
    expect(state.rancher.clusters).toEqual([
      { id: 'c-m-abc12', name: 'dev-eu' },
    ]);
    expect(
      state.rancher.kube['c-m-abc12'].namespaces.map(n => n.metadata.name),
    ).toEqual(expect.arrayContaining(['payments-dev', 'web-shop-dev']));
    expect(state.proxmox.vms.map(vm => [vm.vmid, vm.template])).toEqual(
      expect.arrayContaining([
        [9000, true],
        [101, false],
      ]),
    );
    for (const violations of Object.values(state.violations)) {
      expect(violations).toEqual([]);
    }
  });

  it('serves the whole state over HTTP, with secrets only on request', async () => {
    const created = await fetch(`${sandbox.urls.harbor}/api/v2.0/robots`, {
      method: 'POST',
      headers: { ...harborAuth, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'ci',
        level: 'project',
        duration: -1,
        permissions: [
          {
            kind: 'project',
            namespace: 'payments',
            access: [{ resource: 'repository', action: 'pull' }],
          },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const { secret } = await created.json();

    // Besides the seeded projects' disabled stamp robots.
    const made = (robots: Array<{ name: string; secret?: string }>) =>
      robots.filter(r => !r.name.endsWith('+wombat'));
    const redacted = await (await hook('/state')).json();
    expect(made(redacted.harbor.robots)).toEqual([
      expect.objectContaining({ secret: '<redacted>' }),
    ]);
    expect(JSON.stringify(redacted)).not.toContain(secret);
    const full = await (await hook('/state?secrets=true')).json();
    expect(made(full.harbor.robots)[0].secret).toBe(secret);

    expect((await hook('/reset', { method: 'POST' })).status).toBe(200);
    const after = await (await hook('/state')).json();
    expect(made(after.harbor.robots)).toEqual([]);
  });

  it('answers its hooks to this machine only: no rebound name, no web page of another site', async () => {
    const port = new URL(sandbox.urls.gitlab).port;
    const call = (headers: Record<string, string>, method = 'POST') =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/_sandbox/reset', method, headers },
          res => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await call({ host: 'evil.example:80' })).toBe(403);
    expect(
      await call({
        host: `127.0.0.1:${port}`,
        origin: 'https://evil.example',
      }),
    ).toBe(403);
    expect(await call({ host: `rebind.evil.example:${port}` }, 'GET')).toBe(
      403,
    );
    expect(await call({ host: `localhost:${port}` })).toBe(200);
  });

  it('injects faults: a status in the system’s error shape, for the next N matching calls', async () => {
    const added = await hook('/faults', {
      method: 'POST',
      body: JSON.stringify({
        method: 'HEAD',
        path: '^/api/v2.0/projects',
        status: 503,
        times: 2,
      }),
    });
    expect(added.status).toBe(201);
    const head = () =>
      fetch(`${sandbox.urls.harbor}/api/v2.0/projects?project_name=payments`, {
        method: 'HEAD',
        headers: harborAuth,
      });
    expect((await head()).status).toBe(503);
    expect((await head()).status).toBe(503);
    expect((await head()).status).toBe(200);

    await hook('/faults', {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', path: 'payments', status: 500 }),
    });
    const failed = await fetch(
      `${sandbox.urls.harbor}/api/v2.0/projects/payments`,
      {
        headers: { ...harborAuth, 'x-is-resource-name': 'true' },
      },
    );
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      errors: [{ code: 'UNKNOWN', message: 'internal server error' }],
    });
  });

  it('hangs a matching call for the given time, then answers normally', async () => {
    await hook('/faults', {
      method: 'POST',
      body: JSON.stringify({
        system: 'proxmox',
        method: 'GET',
        path: '/cluster/nextid',
        hangMs: 300,
      }),
    });
    const started = Date.now();
    const response = await fetch(
      `${sandbox.urls.proxmox}/api2/json/cluster/nextid`,
      {
        headers: {
          authorization:
            'PVEAPIToken=wombat@pve!portal=sandbox-proxmox-token-secret',
        },
      },
    );
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // The lowest free VMID: the demo VM has 101, the template 9000.
    expect(await response.json()).toEqual({ data: '100' });
  });

  it('refuses a fault it cannot apply, saying why', async () => {
    const response = await hook('/faults', {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', path: '(', status: 500 }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not a regular expression/);
    const noEffect = await hook('/faults', {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', path: 'x' }),
    });
    expect(noEffect.status).toBe(400);
    expect(await (await hook('/faults')).json()).toEqual([]);
  });
});
