import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import yaml from 'yaml';
import { TEST_TIMINGS, useFakeProxmox } from '../__testUtils__/fakeProxmox';
import { createProxmoxVmCreateAction } from './proxmoxVmCreate';
import { examples as createExamples } from './proxmoxVmCreate.examples';
import { createProxmoxVmDestroyAction } from './proxmoxVmDestroy';
import { examples as destroyExamples } from './proxmoxVmDestroy.examples';

describe('Proxmox action examples', () => {
  const systems = useFakeProxmox();

  it.each(createExamples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const action = createProxmoxVmCreateAction({
        proxmox: systems.clients,
        timings: TEST_TIMINGS,
      });
      const input = yaml.parse(example).steps[0].input;
      const run = createTaskRun({
        input: { ...input, waitForIpTimeoutSeconds: 5 },
      });
      await action.handler(run.ctx);
      expect(run.outputs.created).toBe(true);
    },
  );

  it.each(destroyExamples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const input = yaml.parse(
        example.replace('${{ parameters.confirmName }}', 'payments-db'),
      ).steps[0].input;
      systems.proxmox.state.vms.push({
        vmid: input.vmid,
        node: 'pve1',
        name: input.confirmName,
        template: false,
        status: 'running',
        startedAt: Date.now(),
        tags: ['wombat', 'wombat-project.payments', 'production'],
        config: { cores: '2', memory: '2048' },
      });
      const action = createProxmoxVmDestroyAction({
        proxmox: systems.clients,
        timings: TEST_TIMINGS,
      });
      const run = createTaskRun({ input: { ...input, allowProduction: true } });
      await action.handler(run.ctx);
      expect(run.outputs.destroyed).toBe(true);
    },
  );
});
