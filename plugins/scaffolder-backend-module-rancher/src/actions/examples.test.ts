import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import yaml from 'yaml';
import { PAYMENTS, as, useFakeRancher } from '../__testUtils__/fakeRancher';
import { examples as namespaceExamples } from './rancherNamespaceCreate.examples';
import { examples as projectExamples } from './rancherProjectCreate.examples';

describe('Rancher action examples', () => {
  const systems = useFakeRancher();
  // A developer of payments runs its steps; a global developer starts
  // the new project.
  const credentialsFor = (project: string) =>
    as(project === PAYMENTS ? 'maria' : 'linus');

  it.each(projectExamples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const { input } = yaml.parse(example).steps[0];
      const run = createTaskRun({
        input,
        credentials: credentialsFor(input.project),
      });
      await systems.projectAction.handler(run.ctx);
      expect(run.outputs.created).toBe(true);
    },
  );

  it.each(namespaceExamples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      // The namespaces go into the projects made by earlier steps.
      await systems.rancherProject('payments', PAYMENTS);
      await systems.harborProject('payments', PAYMENTS);
      const webShop = await systems.rancherProject(
        'web-shop',
        'project:default/web-shop',
      );
      const rendered = example.replace(
        `\${{ steps["rancher-project"].output.projectId }}`,
        webShop,
      );
      const { input } = yaml.parse(rendered).steps[0];
      const run = createTaskRun({
        input,
        credentials: credentialsFor(input.project),
      });
      await systems.namespaceAction.handler(run.ctx);
      expect(run.outputs.created).toBe(true);
    },
  );
});
