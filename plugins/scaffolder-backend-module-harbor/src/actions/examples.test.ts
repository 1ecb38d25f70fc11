import { ConfigReader } from '@backstage/config';
import yaml from 'yaml';
import { PAYMENTS, useFakeSystems } from '../__testUtils__/fakeSystems';
import { WebhookTargetAllowList } from '../harbor/webhookTargets';
import { createHarborProjectCreateAction } from './harborProjectCreate';
import { examples as projectExamples } from './harborProjectCreate.examples';
import { createHarborRobotCreateAction } from './harborRobotCreate';
import { examples as robotExamples } from './harborRobotCreate.examples';
import { createHarborWebhookCreateAction } from './harborWebhookCreate';
import { examples as webhookExamples } from './harborWebhookCreate.examples';

/** The example's input, with the task's template expressions filled in. */
function exampleInput(example: string) {
  const rendered = example
    .replace('${{ steps.repo.output.projectPath }}', 'payments/payments-api')
    .replace('${{ secrets.securityWebhookAuth }}', 'Bearer example');
  return yaml.parse(rendered).steps[0].input;
}

describe('Harbor action examples', () => {
  const systems = useFakeSystems();
  const actions = () => ({
    'harbor:project:create': createHarborProjectCreateAction({
      harbor: systems.harborClients,
      guard: systems.guard,
    }),
    'harbor:robot:create': createHarborRobotCreateAction({
      harbor: systems.harborClients,
      gitlab: systems.gitlabClients,
      guard: systems.guard,
    }),
    'harbor:webhook:create': createHarborWebhookCreateAction({
      harbor: systems.harborClients,
      guard: systems.guard,
      allowedTargets: WebhookTargetAllowList.fromConfig(
        new ConfigReader({
          wombat: {
            harbor: {
              webhooks: {
                allowedTargets: [
                  'https://deployer.example.com/hooks/',
                  'https://security.example.com/',
                ],
              },
            },
          },
        }),
      ),
    }),
  });

  it.each(
    [...projectExamples, ...robotExamples, ...webhookExamples].map(e => [
      e.description,
      e.example,
    ]),
  )('%s', async (_description, example) => {
    const step = yaml.parse(example).steps[0];
    const input = exampleInput(example);
    if (input.adopt) {
      // What an admin onboards: a Harbor project Wombat did not create.
      await systems.harborClients
        .forInstance()
        .createProject({ project_name: 'payments' });
    } else if (step.action !== 'harbor:project:create') {
      // Robots and webhooks need the project's Harbor project.
      await actions()['harbor:project:create'].handler(
        systems.run('maria', { project: PAYMENTS }).ctx,
      );
    }
    // An admin adopts; a developer works in payments; a global developer
    // starts a project that is not in the catalog yet.
    let who: 'ada' | 'dana' | 'linus' = 'linus';
    if (input.adopt) {
      who = 'ada';
    } else if (input.project === PAYMENTS) {
      who = 'dana';
    }
    const action = actions()[step.action as keyof ReturnType<typeof actions>];
    const task = systems.run(who, input);
    await action.handler(task.ctx);
    expect(task.outputs.created).toBe(!input.adopt);
  });
});
