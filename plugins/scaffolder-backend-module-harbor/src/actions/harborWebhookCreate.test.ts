import { ConfigReader } from '@backstage/config';
import {
  PAYMENTS,
  Person,
  useFakeSystems,
  writes,
} from '../__testUtils__/fakeSystems';
import { WebhookTargetAllowList } from '../harbor/webhookTargets';
import { createHarborProjectCreateAction } from './harborProjectCreate';
import { createHarborWebhookCreateAction } from './harborWebhookCreate';

const allowList = (allowedTargets?: string[]) =>
  WebhookTargetAllowList.fromConfig(
    new ConfigReader({ wombat: { harbor: { webhooks: { allowedTargets } } } }),
  );

describe('harbor:webhook:create', () => {
  const systems = useFakeSystems();
  const action = (
    allowedTargets = allowList(['https://deployer.example.com/hooks/']),
  ) =>
    createHarborWebhookCreateAction({
      harbor: systems.harborClients,
      guard: systems.guard,
      allowedTargets,
    });
  const AUTH = 'Bearer webhook-secret-0123456789';
  const input = {
    project: PAYMENTS,
    name: 'deployer',
    address: 'https://deployer.example.com/hooks/harbor',
    eventTypes: ['PUSH_ARTIFACT' as const, 'DELETE_ARTIFACT' as const],
    authHeader: AUTH,
  };
  const run = (as: Person, changes: object = {}, isDryRun = false) =>
    systems.run(as, { ...input, ...changes }, { isDryRun });
  const policies = () =>
    systems.harbor.state.projects.find(p => p.name === 'payments')!
      .webhookPolicies;

  beforeEach(async () => {
    await createHarborProjectCreateAction({
      harbor: systems.harborClients,
      guard: systems.guard,
    }).handler(systems.run('maria', { project: PAYMENTS }).ctx);
  });

  it("creates an enabled policy on the project's Harbor project", async () => {
    const task = run('dana');
    await action().handler(task.ctx);
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
    expect(task.outputs).toEqual({
      webhookId: policies()[0].id,
      created: true,
    });
    expect(JSON.stringify(task.logs)).not.toContain(AUTH);
  });

  it('adopts the same policy on a second run', async () => {
    await action().handler(run('dana').ctx);
    const before = systems.harbor.requests.length;
    const second = run('dana', {
      eventTypes: ['DELETE_ARTIFACT' as const, 'PUSH_ARTIFACT' as const],
    });
    await action().handler(second.ctx);
    expect(writes(systems.harbor.requests.slice(before))).toEqual([]);
    expect(second.outputs.created).toBe(false);
  });

  // F16: the conflict says nothing about the policy that is there.
  it('reports a policy of that name with other settings as a conflict that reveals none of them', async () => {
    await action().handler(
      run('ada', { address: 'http://10.0.0.7:8080/secret-path?token=abc' }).ctx,
    );
    const error = await action()
      .handler(run('dana').ctx)
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor webhook deployer of project payments already exists with other settings; choose another name',
    });
    expect(error.message).not.toMatch(/10\.0\.0\.7|secret-path|token|PUSH/);
  });

  it('makes no writes in a dry run', async () => {
    const before = systems.harbor.requests.length;
    await action().handler(run('dana', {}, true).ctx);
    expect(writes(systems.harbor.requests.slice(before))).toEqual([]);
    expect(policies()).toEqual([]);
  });

  it('creates nothing twice when retried after a 500', async () => {
    systems.harbor.failNext(
      { method: 'POST', path: /webhook\/policies$/ },
      500,
    );
    const task = run('dana');
    await expect(action().handler(task.ctx)).rejects.toThrow(/failed with 500/);
    await action().handler(task.retry().ctx);
    await action().handler(task.retry().ctx);
    expect(policies()).toHaveLength(1);
  });

  describe('tenancy', () => {
    it.each([
      ['a viewer of the project', 'victor', PAYMENTS],
      ['a global developer with no role in it', 'linus', PAYMENTS],
      ['an outsider', 'raj', PAYMENTS],
    ] as const)(
      'refuses %s before any request',
      async (_case, who, project) => {
        const before = systems.harbor.requests.length;
        await expect(
          action().handler(run(who, { project }).ctx),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
        expect(systems.harbor.requests.slice(before)).toEqual([]);
      },
    );

    it('works only in projects that are in the catalog', async () => {
      await expect(
        action().handler(run('ada', { project: 'project:default/orders' }).ctx),
      ).rejects.toThrow('this action works only in an existing project');
    });

    it("refuses another project's Harbor project, and an unstamped one", async () => {
      await expect(
        action().handler(run('dana', { harborProject: 'library' }).ctx),
      ).rejects.toMatchObject({ name: 'InputError' });
      await systems.harborClients
        .forInstance()
        .createProject({ project_name: 'risk-engine' });
      await expect(
        action().handler(
          run('raj', { project: 'project:default/risk-engine' }).ctx,
        ),
      ).rejects.toThrow(
        'Harbor project risk-engine on instance default is not stamped for project:default/risk-engine',
      );
    });

    // F16: Harbor posts from inside the network; only listed addresses are
    // for everyone.
    it.each([
      ['an internal address', 'http://169.254.169.254/latest/meta-data'],
      ['a lookalike host', 'https://deployer.example.com.evil.net/hooks/x'],
      ['another path', 'https://deployer.example.com/admin'],
      ['another port', 'https://deployer.example.com:8443/hooks/x'],
    ])(
      'refuses %s outside the allow-list for non-admins, before any request',
      async (_case, address) => {
        const before = systems.harbor.requests.length;
        await expect(
          action().handler(run('maria', { address }).ctx),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining(
            'is not one of the webhook targets wombat.harbor.webhooks.allowedTargets allows',
          ),
        });
        expect(systems.harbor.requests.slice(before)).toEqual([]);
      },
    );

    it('lets only admins create webhooks when no targets are allowed', async () => {
      const none = allowList(undefined);
      await expect(action(none).handler(run('maria').ctx)).rejects.toThrow(
        'Harbor webhooks are for platform admins only here: wombat.harbor.webhooks.allowedTargets allows no addresses',
      );
      await action(none).handler(
        run('ada', { address: 'http://deployer.internal/hook' }).ctx,
      );
      expect(policies()).toHaveLength(1);
    });

    it('refuses an allow-list entry that is not an address without credentials', () => {
      expect(() => allowList(['deployer.example.com'])).toThrow(
        'wombat.harbor.webhooks.allowedTargets[0] "deployer.example.com" must be an http or https address without credentials',
      );
    });
  });

  it.each([
    [
      'an address that is not http',
      { address: 'ftp://example.com/x' },
      'address "ftp://example.com/x" must be an http or https address',
    ],
    [
      'an address with credentials in it',
      { address: 'https://user:token@deployer.example.com/hooks/x' },
      'address must not carry credentials; send them with authHeader',
    ],
    [
      'a project that is not a full reference',
      { project: 'payments' },
      'project',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const before = systems.harbor.requests.length;
    await expect(action().handler(run('ada', change).ctx)).rejects.toThrow(
      message,
    );
    expect(systems.harbor.requests.slice(before)).toEqual([]);
  });
});
