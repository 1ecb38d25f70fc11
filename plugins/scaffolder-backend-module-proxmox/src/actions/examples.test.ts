import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import yaml from 'yaml';
import {
  TEST_TIMINGS,
  useFakeProxmox,
  wombatVm,
} from '../__testUtils__/fakeProxmox';
import { as, createTestGuard } from '../__testUtils__/tenancy';
import { createProxmoxVmCreateAction } from './proxmoxVmCreate';
import { examples as createExamples } from './proxmoxVmCreate.examples';
import { createProxmoxVmDestroyAction } from './proxmoxVmDestroy';
import { examples as destroyExamples } from './proxmoxVmDestroy.examples';

describe('Proxmox action examples', () => {
  const systems = useFakeProxmox();
  const guard = createTestGuard();

  it.each(createExamples.map(e => [e.description, e.example]))(
    '%s',
    async (description, example) => {
      const action = createProxmoxVmCreateAction({
        proxmox: systems.clients,
        guard,
        timings: TEST_TIMINGS,
      });
      const input = yaml.parse(example).steps[0].input;
      if (input.adopt) {
        systems.proxmox.state.vms.push(
          wombatVm({ vmid: 150, name: input.name, tags: ['database'] }),
        );
      }
      const run = createTaskRun({
        input: { ...input, waitForIpTimeoutSeconds: 5 },
        // dana is a developer of payments; ada a platform admin.
        credentials: as(
          description.startsWith('Platform admins only')
            ? 'user:default/ada'
            : 'user:default/dana',
        ),
      });
      await action.handler(run.ctx);
      expect(run.outputs.created).toBe(!input.adopt);
      expect(
        systems.proxmox.state.vms.find(v => v.name === input.name)!.tags,
      ).toContain('wombat-project.default.payments');
    },
  );

  it.each(destroyExamples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const input = yaml.parse(
        example.replace('${{ parameters.confirmName }}', 'payments-db'),
      ).steps[0].input;
      systems.proxmox.state.vms.push(
        wombatVm({
          vmid: input.vmid,
          name: input.confirmName,
          tags: ['wombat', 'wombat-project.default.payments', 'production'],
        }),
      );
      const action = createProxmoxVmDestroyAction({
        proxmox: systems.clients,
        guard,
        timings: TEST_TIMINGS,
      });
      // maria manages payments (its owner team), whose lifecycle is production.
      const run = createTaskRun({
        input: { ...input, allowProduction: true },
        credentials: as('user:default/maria'),
      });
      await action.handler(run.ctx);
      expect(run.outputs.destroyed).toBe(true);
    },
  );
});
