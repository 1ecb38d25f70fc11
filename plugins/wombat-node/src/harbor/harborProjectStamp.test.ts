import {
  readHarborProjectStamps,
  requireStampedHarborProject,
  stampHarborProject,
} from './harborProjectStamp';
import { scopeOf, useHarbor } from './__testUtils__/harborTestSystems';

describe('Harbor project stamps', () => {
  const systems = useHarbor();
  const payments = () => ({ id: systems.projectId, name: 'payments' });
  const marker = () =>
    systems.harbor.state.robots.find(r => r.name === 'robot$payments+wombat');

  it('stamps a project with a disabled marker robot', async () => {
    await stampHarborProject(
      systems.client,
      payments(),
      'wombat-project.default.payments',
    );
    expect(marker()).toMatchObject({
      disable: true,
      description: expect.stringContaining('wombat-project.default.payments'),
    });
    await expect(
      readHarborProjectStamps(systems.client, payments()),
    ).resolves.toEqual(['project:default/payments']);

    const before = systems.harbor.requests.length;
    await stampHarborProject(
      systems.client,
      payments(),
      'wombat-project.default.payments',
    );
    expect(
      systems.harbor.requests.slice(before).filter(r => r.method !== 'GET'),
    ).toEqual([]);
  });

  it('disables a marker left enabled by a failure between its two requests', async () => {
    systems.harbor.failNext({ method: 'PUT', path: /^\/robots\// }, 500);
    await expect(
      stampHarborProject(
        systems.client,
        payments(),
        'wombat-project.default.payments',
      ),
    ).rejects.toThrow(/failed with 500/);
    expect(marker()?.disable).toBe(false);

    await stampHarborProject(
      systems.client,
      payments(),
      'wombat-project.default.payments',
    );
    expect(marker()?.disable).toBe(true);
    expect(systems.harbor.state.robots).toHaveLength(1);
  });

  it("never overwrites another project's stamp", async () => {
    await stampHarborProject(
      systems.client,
      payments(),
      'wombat-project.default.risk-engine',
    );
    await expect(
      stampHarborProject(
        systems.client,
        payments(),
        'wombat-project.default.payments',
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    expect(marker()?.description).toContain('risk-engine');
  });

  it('lets robots and webhooks only into a project stamped for the same project', async () => {
    const scope = scopeOf('project:default/payments');
    await expect(
      requireStampedHarborProject(systems.client, scope, 'payments'),
    ).rejects.toThrow(
      'Harbor project payments on instance default is not stamped for project:default/payments',
    );
    await stampHarborProject(
      systems.client,
      payments(),
      'wombat-project.default.risk-engine',
    );
    const error = await requireStampedHarborProject(
      systems.client,
      scope,
      'payments',
    ).catch(e => e);
    expect(error).toMatchObject({ name: 'ConflictError' });
    expect(error.message).not.toContain('risk-engine');

    await expect(
      requireStampedHarborProject(
        systems.client,
        scopeOf('project:default/risk-engine'),
        'payments',
      ),
    ).resolves.toMatchObject({ name: 'payments' });
    await expect(
      requireStampedHarborProject(systems.client, scope, 'nope'),
    ).rejects.toMatchObject({ name: 'InputError' });
  });
});
