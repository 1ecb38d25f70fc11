import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { ProjectScope } from '@wombat/plugin-wombat-node';
import { planProject } from './planProject';
import { requireProjectGroup } from './projectGroup';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      gitlab: [
        {
          host: 'gitlab.example.com',
          apiBaseUrl: 'https://gitlab.example.com/api/v4',
          token: 'test-token',
        },
      ],
    },
  }),
);

const plan = (input: Record<string, unknown>) =>
  planProject(
    { project: 'project:default/payments', repoUrl: '', ...input } as any,
    integrations,
  );

const scopeOf = (systemName: string) => ({ systemName } as ProjectScope);

describe('planProject', () => {
  it('plans topics as GitLab stores them', () => {
    expect(
      plan({
        repoUrl: 'gitlab.example.com?owner=payments&repo=api',
        topics: [' a , b', '', 'c'],
      }).topics,
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('requireProjectGroup', () => {
  it.each([
    ['payments', 'payments'],
    ['payments/backend/tools', 'payments'],
    ['Payments/Backend', 'payments'],
    ['evil.payments', 'evil.payments'],
  ])('accepts %s for the group %s', (owner, systemName) => {
    const planned = plan({
      repoUrl: `gitlab.example.com?owner=${owner}&repo=api`,
    });
    expect(() =>
      requireProjectGroup(planned, scopeOf(systemName)),
    ).not.toThrow();
  });

  it.each([
    ['payments-evil', 'payments'],
    ['team/payments', 'payments'],
    ['payments', 'evil.payments'],
    ['evil', 'evil.payments'],
  ])('refuses %s for the group %s', (owner, systemName) => {
    const planned = plan({
      repoUrl: `gitlab.example.com?owner=${owner}&repo=api`,
    });
    expect(() => requireProjectGroup(planned, scopeOf(systemName))).toThrow(
      `repoUrl must be in the project's GitLab group ${systemName}`,
    );
  });
});
