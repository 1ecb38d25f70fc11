import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import yaml from 'yaml';
import { useFakeRancher } from '../__testUtils__/fakeRancher';
import { createRancherNamespaceCreateAction } from './rancherNamespaceCreate';
import { examples as namespaceExamples } from './rancherNamespaceCreate.examples';
import { createRancherProjectCreateAction } from './rancherProjectCreate';
import { examples as projectExamples } from './rancherProjectCreate.examples';

describe('Rancher action examples', () => {
  const systems = useFakeRancher();
  const actions = () => ({
    'rancher:project:create': createRancherProjectCreateAction({
      rancher: systems.rancherClients,
      catalog: systems.catalog,
    }),
    'rancher:namespace:create': createRancherNamespaceCreateAction({
      rancher: systems.rancherClients,
      harbor: systems.harborClients,
      catalog: systems.catalog,
    }),
  });

  it.each(projectExamples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const run = createTaskRun({ input: yaml.parse(example).steps[0].input });
      await actions()['rancher:project:create'].handler(run.ctx);
      expect(run.outputs.created).toBe(true);
    },
  );

  it.each(namespaceExamples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      // The namespace goes into a project made by an earlier step.
      const project = await systems.rancherClients.forInstance().createProject({
        name: 'payments',
        clusterId: 'c-m-abc12',
      });
      await systems.rancherClients
        .forInstance()
        .createProject({ name: 'web-shop', clusterId: 'c-m-abc12' });
      await systems.harborClients
        .forInstance()
        .createProject({ project_name: 'payments' });
      const rendered = example.replace(
        `\${{ steps["rancher-project"].output.projectId }}`,
        project.id,
      );
      const run = createTaskRun({ input: yaml.parse(rendered).steps[0].input });
      await actions()['rancher:namespace:create'].handler(run.ctx);
      expect(run.outputs.created).toBe(true);
    },
  );
});
