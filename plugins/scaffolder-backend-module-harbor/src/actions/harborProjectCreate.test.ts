import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import { useFakeSystems, writes } from '../__testUtils__/fakeSystems';
import { createHarborProjectCreateAction } from './harborProjectCreate';

describe('harbor:project:create', () => {
  const systems = useFakeSystems();
  const action = () =>
    createHarborProjectCreateAction({ harbor: systems.harborClients });
  const input = {
    name: 'payments',
    storageLimit: '10Gi',
    members: [
      { username: 'maria', role: 'projectAdmin' as const },
      { username: 'jdoe', role: 'developer' as const },
    ],
  };
  const project = () =>
    systems.harbor.state.projects.find(p => p.name === 'payments');

  it('creates a private project with its quota and members', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);

    expect(project()).toMatchObject({
      metadata: { public: 'false' },
      storage_limit: 10 * 2 ** 30,
    });
    expect(
      project()!
        .members.filter(m => m.entity_name !== 'admin')
        .map(m => [m.entity_name, m.role_id]),
    ).toEqual([
      ['maria', 1],
      ['jdoe', 2],
    ]);
    expect(run.outputs).toEqual({
      projectId: project()!.project_id,
      projectName: 'payments',
      url: `https://harbor.example.com/harbor/projects/${
        project()!.project_id
      }/repositories`,
      created: true,
    });
  });

  it('adopts the project on a second run and writes nothing', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const before = systems.harbor.requests.length;
    const second = createTaskRun({ input });
    await action().handler(second.ctx);
    expect(writes(systems.harbor.requests.slice(before))).toEqual([]);
    expect(second.outputs).toMatchObject({
      created: false,
      projectId: project()!.project_id,
    });
  });

  it('reports a project with another visibility as a conflict', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const run = createTaskRun({ input: { ...input, public: true } });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor project payments already exists and is private; the template asks for it public',
    });
  });

  it('reports a member with another role as a conflict', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const run = createTaskRun({
      input: {
        ...input,
        members: [{ username: 'jdoe', role: 'maintainer' as const }],
      },
    });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      'User jdoe is already developer of Harbor project payments; the template asks for maintainer',
    );
  });

  it('makes no writes in a dry run', async () => {
    const run = createTaskRun({ input, isDryRun: true });
    await action().handler(run.ctx);
    expect(writes(systems.harbor.requests)).toEqual([]);
    expect(run.outputs).toMatchObject({ projectId: 0, created: false });
  });

  it('creates nothing twice when retried after a failure half-way', async () => {
    systems.harbor.failNext({ method: 'POST', path: /\/members$/ }, 500);
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      /Harbor default POST \/projects\/payments\/members failed with 500/,
    );
    const retried = run.retry();
    await action().handler(retried.ctx);

    const creations = systems.harbor.requests.filter(
      r => r.method === 'POST' && r.path === '/projects',
    );
    expect(creations).toHaveLength(1);
    expect(retried.outputs.created).toBe(true);
    expect(
      project()!.members.filter(m => m.entity_name !== 'admin'),
    ).toHaveLength(2);
  });

  it('retries when Harbor is briefly unavailable', async () => {
    systems.harbor.failNext({ method: 'POST', path: /^\/projects$/ }, 503, 2);
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    expect(run.outputs.created).toBe(true);
  });

  it.each([
    [
      'an uppercase name',
      { name: 'Payments' },
      'name "Payments" must be lowercase',
    ],
    [
      'a double separator',
      { name: 'pay--ments' },
      'name "pay--ments" must be lowercase',
    ],
    [
      'a storage limit without a unit Harbor knows',
      { storageLimit: '10GB' },
      'storageLimit "10GB" is not a storage limit',
    ],
    [
      'a zero storage limit',
      { storageLimit: 0 },
      'storageLimit 0 is not a storage limit',
    ],
    [
      'a member that is both user and group',
      { members: [{ username: 'x', group: 'y', role: 'guest' as const }] },
      'members[0] must name either a username or a group',
    ],
    [
      'an instance that is not configured',
      { instance: 'eu' },
      'No Harbor instance named eu in wombat.harbor.instances (configured: default)',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const run = createTaskRun({ input: { ...input, ...change } });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.harbor.requests).toEqual([]);
  });

  it('keeps the password out of logs, outputs and errors', async () => {
    systems.harbor.failNext({ method: 'POST', path: /^\/projects$/ }, 500);
    const run = createTaskRun({ input });
    const error = await action()
      .handler(run.ctx)
      .catch(e => e);
    const everything = JSON.stringify([run.logs, run.outputs, error.message]);
    expect(everything).not.toContain('Harbor12345');
    expect(everything).not.toContain(
      Buffer.from('admin:Harbor12345').toString('base64'),
    );
  });
});
