import { mockServices } from '@backstage/backend-test-utils';
import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import {
  TEST_TIMINGS,
  useFakeProxmox,
  writes,
} from '../__testUtils__/fakeProxmox';
import { createProxmoxVmDestroyAction } from './proxmoxVmDestroy';

describe('proxmox:vm:destroy', () => {
  const systems = useFakeProxmox();
  let events: ReturnType<typeof mockServices.events.mock>;
  beforeEach(() => {
    events = mockServices.events.mock();
  });
  const action = () =>
    createProxmoxVmDestroyAction({
      proxmox: systems.clients,
      events,
      timings: TEST_TIMINGS,
    });

  function seedVm(
    changes: {
      tags?: string[];
      protection?: boolean;
      status?: 'running' | 'stopped';
    } = {},
  ) {
    systems.proxmox.state.vms.push({
      vmid: 101,
      node: 'pve1',
      name: 'payments-db',
      template: false,
      status: changes.status ?? 'running',
      startedAt: Date.now(),
      tags: changes.tags ?? ['wombat', 'wombat-project.payments'],
      config: {
        cores: '2',
        memory: '2048',
        scsi0: 'local-lvm:vm-101-disk-0,size=8G',
        ...(changes.protection ? { protection: '1' } : {}),
      },
    });
  }
  const input = { vmid: 101, confirmName: 'payments-db', project: 'payments' };
  const exists = () => systems.proxmox.state.vms.some(v => v.vmid === 101);

  it('shuts the VM down, then deletes it with purge and its unreferenced disks', async () => {
    seedVm();
    const run = createTaskRun({ input });
    await action().handler(run.ctx);

    expect(exists()).toBe(false);
    const changes = writes(systems.proxmox.requests).map(
      r => `${r.method} ${r.path}`,
    );
    expect(changes).toEqual([
      'POST /nodes/pve1/qemu/101/status/shutdown',
      'DELETE /nodes/pve1/qemu/101',
    ]);
    const deletion = systems.proxmox.requests.find(r => r.method === 'DELETE')!;
    expect(deletion.query).toEqual({
      purge: '1',
      'destroy-unreferenced-disks': '1',
    });
    expect(run.outputs).toEqual({ destroyed: true });
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'wombat.proxmox.vm',
      eventPayload: { instance: 'default', vmid: 101, change: 'destroyed' },
    });
  });

  it('stops a VM that does not shut down in time', async () => {
    seedVm();
    systems.proxmox.failNextTask(
      'qmshutdown',
      'VM quit/powerdown failed - got timeout',
    );
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    const changes = writes(systems.proxmox.requests).map(
      r => `${r.method} ${r.path}`,
    );
    expect(changes).toEqual([
      'POST /nodes/pve1/qemu/101/status/shutdown',
      'POST /nodes/pve1/qemu/101/status/stop',
      'DELETE /nodes/pve1/qemu/101',
    ]);
    expect(exists()).toBe(false);
  });

  it('succeeds without a request when retried after it destroyed the VM', async () => {
    seedVm({ status: 'stopped' });
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    const before = systems.proxmox.requests.length;
    // The VM is gone; the checkpoint remembers that this task destroyed it.
    const retried = run.retry();
    await action().handler(retried.ctx);
    expect(retried.outputs).toEqual({ destroyed: true });
    expect(systems.proxmox.requests.slice(before)).toEqual([]);
  });

  it.each([
    [
      'a name that does not match',
      {},
      { confirmName: 'payments' },
      'confirmName "payments" does not match the name of VM 101, "payments-db"',
    ],
    [
      "a VM without Wombat's tag",
      { tags: ['database'] },
      {},
      'VM 101 (payments-db) lacks the tag "wombat"',
    ],
    [
      'a VM of another project',
      { tags: ['wombat', 'wombat-project.web-shop'] },
      {},
      'VM 101 (payments-db) does not belong to project payments',
    ],
    [
      'a production VM unless allowed',
      { tags: ['wombat', 'wombat-project.payments', 'production'] },
      {},
      'is tagged "production"; set allowProduction to destroy it',
    ],
    [
      'a protected VM, without clearing protection',
      { protection: true },
      {},
      'has protection on; turn it off in Proxmox',
    ],
  ])(
    'refuses %s and changes nothing',
    async (_case, vmChanges, inputChanges, message) => {
      seedVm(vmChanges);
      const run = createTaskRun({ input: { ...input, ...inputChanges } });
      await expect(action().handler(run.ctx)).rejects.toThrow(message);
      expect(writes(systems.proxmox.requests)).toEqual([]);
      expect(events.publish).not.toHaveBeenCalled();
      expect(exists()).toBe(true);
      expect(systems.proxmox.state.vms.find(v => v.vmid === 101)!.status).toBe(
        'running',
      );
    },
  );

  it('destroys a production VM when allowed', async () => {
    seedVm({ tags: ['wombat', 'wombat-project.payments', 'production'] });
    await action().handler(
      createTaskRun({ input: { ...input, allowProduction: true } }).ctx,
    );
    expect(exists()).toBe(false);
  });

  it('reports every check in a dry run and changes nothing', async () => {
    seedVm({ protection: true });
    const run = createTaskRun({ input, isDryRun: true });
    await action().handler(run.ctx);
    expect(writes(systems.proxmox.requests)).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
    const lines = run.logs.map(l => l.message);
    expect(lines).toEqual(
      expect.arrayContaining([
        'passes: name confirmed',
        'passes: created by Wombat',
        expect.stringMatching(/^FAILS: protection off/),
        'Dry run: VM 101 would not be destroyed',
      ]),
    );
    expect(run.outputs).toEqual({ destroyed: false });
  });

  it('refuses templates', async () => {
    const run = createTaskRun({
      input: { vmid: 9000, confirmName: 'ubuntu-24.04-cloud' },
    });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      'VM 9000 is a template',
    );
    expect(writes(systems.proxmox.requests)).toEqual([]);
  });
});
