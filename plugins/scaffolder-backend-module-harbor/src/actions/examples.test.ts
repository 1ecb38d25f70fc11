import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import yaml from 'yaml';
import { useFakeSystems } from '../__testUtils__/fakeSystems';
import { createHarborProjectCreateAction } from './harborProjectCreate';
import { examples as projectExamples } from './harborProjectCreate.examples';
import { createHarborRobotCreateAction } from './harborRobotCreate';
import { examples as robotExamples } from './harborRobotCreate.examples';
import { createHarborWebhookCreateAction } from './harborWebhookCreate';
import { examples as webhookExamples } from './harborWebhookCreate.examples';

/** The example's input, with the task's template expressions filled in. */
function exampleInput(example: string) {
  const rendered = example
    .replace('${{ steps.repo.output.projectId }}', 'platform/payments-api')
    .replace('${{ secrets.securityWebhookAuth }}', 'Bearer example');
  return yaml.parse(rendered).steps[0].input;
}

describe('Harbor action examples', () => {
  const systems = useFakeSystems();
  const actions = () => ({
    'harbor:project:create': createHarborProjectCreateAction({
      harbor: systems.harborClients,
    }),
    'harbor:robot:create': createHarborRobotCreateAction({
      harbor: systems.harborClients,
      gitlab: systems.gitlabClients,
    }),
    'harbor:webhook:create': createHarborWebhookCreateAction({
      harbor: systems.harborClients,
    }),
  });

  it.each(
    [...projectExamples, ...robotExamples, ...webhookExamples].map(e => [
      e.description,
      e.example,
    ]),
  )('%s', async (_description, example) => {
    // The second robot example names a project by its full path.
    if (example.includes('platform/payments/payments-api')) {
      systems.gitlab.state.projects[0].path_with_namespace =
        'platform/payments/payments-api';
    }
    const step = yaml.parse(example).steps[0];
    if (step.action !== 'harbor:project:create') {
      // Robots and webhooks need their project.
      await actions()['harbor:project:create'].handler(
        createTaskRun({ input: { name: 'payments' } }).ctx,
      );
    }
    const action = actions()[step.action as keyof ReturnType<typeof actions>];
    const run = createTaskRun({ input: exampleInput(example) });
    await action.handler(run.ctx);
    expect(run.outputs.created).toBe(true);
  });
});
