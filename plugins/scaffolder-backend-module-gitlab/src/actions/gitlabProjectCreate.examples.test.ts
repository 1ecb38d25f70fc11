import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitLabClientFactory } from '@wombat/plugin-wombat-node';
import {
  createFakeGitLab,
  createTaskRun,
  type FakeGitLabOptions,
} from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import {
  TestUser,
  createTestGuard,
  credentialsOf,
} from '../__testUtils__/tenancy';
import { createGitLabProjectCreateAction } from './gitlabProjectCreate';
import { examples } from './gitlabProjectCreate.examples';

jest.mock('@backstage/plugin-scaffolder-node', () => ({
  ...jest.requireActual('@backstage/plugin-scaffolder-node'),
  initRepoAndPush: jest.fn(async () => ({ commitHash: 'c0ffee' })),
}));

const TOKEN = 'test-gitlab-token-0123456789';
const config = new ConfigReader({
  integrations: {
    gitlab: [
      {
        host: 'gitlab.example.com',
        apiBaseUrl: 'https://gitlab.example.com/api/v4',
        token: TOKEN,
      },
    ],
  },
});
const action = createGitLabProjectCreateAction({
  integrations: ScmIntegrations.fromConfig(config),
  gitlab: GitLabClientFactory.fromConfig(config),
  guard: createTestGuard(),
  config,
});

/** The example's input, with the task's template expressions filled in. */
function exampleInput(example: string) {
  const rendered = example.replace(
    '${{ secrets.sonarToken }}',
    'example-sonar-token-123',
  );
  return yaml.parse(rendered).steps[0].input;
}

/*
 * Who runs each example, and what exists before: a developer of payments
 * adds to it, a global developer starts web-shop (not in the catalog yet),
 * an admin adopts an existing repository.
 */
const situations: Array<{
  user: TestUser;
  gitlab: FakeGitLabOptions;
  created: boolean;
}> = [
  { user: 'user:default/dana', gitlab: {}, created: true },
  { user: 'user:default/linus', gitlab: {}, created: true },
  {
    user: 'user:default/ada',
    gitlab: { projects: [{ pathWithNamespace: 'payments/legacy-billing' }] },
    created: false,
  },
];

describe('gitlab:project:create examples', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it.each(examples.map((e, index) => [e.description, e.example, index]))(
    '%s',
    async (_description, example, index) => {
      const situation = situations[index as number];
      const gitlab = createFakeGitLab({ token: TOKEN, ...situation.gitlab });
      server.use(...gitlab.handlers);
      const input = exampleInput(example as string);
      const run = createTaskRun({
        input,
        credentials: credentialsOf(situation.user),
      });

      await action.handler(run.ctx);

      expect(gitlab.violations).toEqual([]);
      expect(run.outputs.created).toBe(situation.created);
      const [project] = gitlab.state.projects;
      expect(project.path_with_namespace).toBe(run.outputs.projectPath);
      expect(project.visibility).toBe(input.visibility ?? 'private');
      expect(project.topics).toContain(
        `wombat-project.default.${input.project.split('/')[1]}`,
      );
      expect(project.members).toHaveLength(input.members?.length ?? 0);
      expect(project.deployKeys).toHaveLength(input.deployKeys?.length ?? 0);
      expect(project.variables).toHaveLength(input.variables?.length ?? 0);
    },
  );
});
