import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import { useFakeSystems, writes } from '../__testUtils__/fakeSystems';
import { createHarborProjectCreateAction } from './harborProjectCreate';
import { createHarborWebhookCreateAction } from './harborWebhookCreate';

describe('harbor:webhook:create', () => {
  const systems = useFakeSystems();
  const action = () =>
    createHarborWebhookCreateAction({ harbor: systems.harborClients });
  const AUTH = 'Bearer webhook-secret-0123456789';
  const input = {
    project: 'payments',
    name: 'deployer',
    address: 'https://deployer.example.com/hooks/harbor',
    eventTypes: ['PUSH_ARTIFACT' as const, 'DELETE_ARTIFACT' as const],
    authHeader: AUTH,
  };
  const policies = () =>
    systems.harbor.state.projects.find(p => p.name === 'payments')!
      .webhookPolicies;

  beforeEach(async () => {
    await createHarborProjectCreateAction({
      harbor: systems.harborClients,
    }).handler(createTaskRun({ input: { name: 'payments' } }).ctx);
  });

  it('creates an enabled policy', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    expect(policies()).toEqual([
      expect.objectContaining({
        name: 'deployer',
        enabled: true,
        event_types: ['PUSH_ARTIFACT', 'DELETE_ARTIFACT'],
        targets: [
          expect.objectContaining({
            type: 'http',
            address: 'https://deployer.example.com/hooks/harbor',
            auth_header: AUTH,
            payload_format: 'Default',
            skip_cert_verify: false,
          }),
        ],
      }),
    ]);
    expect(run.outputs).toEqual({ webhookId: policies()[0].id, created: true });
    expect(JSON.stringify(run.logs)).not.toContain(AUTH);
  });

  it('adopts the same policy on a second run', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const before = systems.harbor.requests.length;
    const second = createTaskRun({
      input: {
        ...input,
        eventTypes: ['DELETE_ARTIFACT' as const, 'PUSH_ARTIFACT' as const],
      },
    });
    await action().handler(second.ctx);
    expect(writes(systems.harbor.requests.slice(before))).toEqual([]);
    expect(second.outputs.created).toBe(false);
  });

  it('reports a policy of that name with another address as a conflict', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const run = createTaskRun({
      input: { ...input, address: 'https://other.example.com/hook' },
    });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor webhook deployer of project payments already exists and differs: it posts to https://deployer.example.com/hooks/harbor',
    });
  });

  it('makes no writes in a dry run', async () => {
    const before = systems.harbor.requests.length;
    await action().handler(createTaskRun({ input, isDryRun: true }).ctx);
    expect(writes(systems.harbor.requests.slice(before))).toEqual([]);
    expect(policies()).toEqual([]);
  });

  it('creates nothing twice when retried after a 500', async () => {
    systems.harbor.failNext(
      { method: 'POST', path: /webhook\/policies$/ },
      500,
    );
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toThrow(/failed with 500/);
    await action().handler(run.retry().ctx);
    await action().handler(run.retry().ctx);
    expect(policies()).toHaveLength(1);
  });

  it.each([
    [
      'an address that is not http',
      { address: 'ftp://example.com/x' },
      'address "ftp://example.com/x" must be an http or https address',
    ],
    [
      'a project name Harbor refuses',
      { project: 'Payments' },
      'project "Payments" must be lowercase',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const before = systems.harbor.requests.length;
    const run = createTaskRun({ input: { ...input, ...change } });
    await expect(action().handler(run.ctx)).rejects.toThrow(message);
    expect(systems.harbor.requests.slice(before)).toEqual([]);
  });
});
