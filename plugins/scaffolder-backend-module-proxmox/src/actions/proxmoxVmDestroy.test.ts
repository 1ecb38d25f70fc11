import { mockServices } from '@backstage/backend-test-utils';
import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import {
  TEST_TIMINGS,
  useFakeProxmox,
  wombatVm,
  writes,
} from '../__testUtils__/fakeProxmox';
import { TestUser, as, createTestGuard } from '../__testUtils__/tenancy';
import { createProxmoxVmDestroyAction } from './proxmoxVmDestroy';

const PAYMENTS_STAMP = 'wombat-project.default.payments';

describe('proxmox:vm:destroy', () => {
  const systems = useFakeProxmox();
  const guard = createTestGuard();
  let events: ReturnType<typeof mockServices.events.mock>;
  beforeEach(() => {
    events = mockServices.events.mock();
  });
  const action = () =>
    createProxmoxVmDestroyAction({
      proxmox: systems.clients,
      guard,
      events,
      timings: TEST_TIMINGS,
    });

  function seedVm(
    changes: {
      tags?: string[];
      protection?: boolean;
      status?: 'running' | 'stopped';
      description?: string;
    } = {},
  ) {
    systems.proxmox.state.vms.push(
      wombatVm({
        vmid: 101,
        name: 'payments-db',
        status: changes.status ?? 'running',
        tags: changes.tags ?? ['wombat', PAYMENTS_STAMP],
        config: {
          ...(changes.protection ? { protection: '1' } : {}),
          ...(changes.description !== undefined
            ? { description: changes.description }
            : {}),
        },
      }),
    );
  }
  const input = {
    project: 'project:default/payments',
    vmid: 101,
    confirmName: 'payments-db',
  };
  /** A run by `user`, default maria, a manager of payments through its owner team. */
  const runAs = (
    changes: object = {},
    user: TestUser = 'user:default/maria',
    extra: { isDryRun?: boolean } = {},
  ) =>
    createTaskRun({
      input: { ...input, ...changes },
      credentials: as(user),
      ...extra,
    });
  const exists = () => systems.proxmox.state.vms.some(v => v.vmid === 101);
  const expectUntouched = () => {
    expect(writes(systems.proxmox.requests)).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
    expect(exists()).toBe(true);
    expect(systems.proxmox.state.vms.find(v => v.vmid === 101)!.status).toBe(
      'running',
    );
  };

  it('shuts the VM down, then deletes it with purge and its unreferenced disks', async () => {
    seedVm();
    const run = runAs();
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

  it('destroys a VM stamped the old way, by bare name', async () => {
    seedVm({ tags: ['wombat', 'wombat-project.payments'] });
    await action().handler(runAs().ctx);
    expect(exists()).toBe(false);
  });

  it('stops a VM that does not shut down in time', async () => {
    seedVm();
    systems.proxmox.failNextTask(
      'qmshutdown',
      'VM quit/powerdown failed - got timeout',
    );
    await action().handler(runAs().ctx);
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
    const run = runAs();
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
      'a viewer',
      'user:default/victor',
      'user:default/victor may not remove anything from project:default/payments: that needs the manager role in it, and they are viewer',
    ],
    [
      'a developer',
      'user:default/dana',
      'user:default/dana may not remove anything from project:default/payments: that needs the manager role in it, and they are developer',
    ],
    [
      'an outsider, even a global developer',
      'user:default/raj',
      'user:default/raj may not remove anything from project:default/payments: that needs the manager role in it',
    ],
  ] as const)('refuses %s before any request', async (_case, user, message) => {
    seedVm();
    await expect(action().handler(runAs({}, user).ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message,
    });
    await expect(
      action().handler(runAs({}, user, { isDryRun: true }).ctx),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(systems.proxmox.requests).toEqual([]);
    expect(exists()).toBe(true);
  });

  it.each([
    [
      'a project that is not a full reference',
      { project: 'payments' },
      'project "payments" is not a full Project reference',
    ],
    [
      'a shutdown timeout over 600 s',
      { shutdownTimeoutSeconds: 3600 },
      'shutdownTimeoutSeconds 3600 must be from 0 to 600',
    ],
    ['a VMID below 100', { vmid: 7 }, 'vmid 7 is not a VMID'],
  ])('rejects %s before any request', async (_case, change, message) => {
    seedVm();
    await expect(action().handler(runAs(change).ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.proxmox.requests).toEqual([]);
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
      { tags: [PAYMENTS_STAMP] },
      {},
      'VM 101 (payments-db) lacks the tag "wombat"',
    ],
    [
      'a VM without a stamp',
      { tags: ['wombat'] },
      {},
      'VM 101 (payments-db) does not belong to project:default/payments',
    ],
    [
      'a VM stamped for payments and another project',
      {
        tags: ['wombat', PAYMENTS_STAMP],
        description:
          'Created by Wombat for project:default/web-shop (wombat-project.default.web-shop)',
      },
      {},
      'VM 101 (payments-db) does not belong to project:default/payments',
    ],
    [
      'a production VM unless allowed',
      { tags: ['wombat', PAYMENTS_STAMP, 'production'] },
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
      await expect(action().handler(runAs(inputChanges).ctx)).rejects.toThrow(
        message,
      );
      expectUntouched();
    },
  );

  describe("another project's VM (F3, F6)", () => {
    it.each([
      ['its own project', 'project:default/raj-sandbox'],
      ['a shadow project of the same name', 'project:evil/payments'],
    ])('is refused to the manager of %s, and stays', async (_case, project) => {
      seedVm({
        tags: ['wombat', PAYMENTS_STAMP, 'production'],
        description:
          'Created by Wombat for project:default/payments (wombat-project.default.payments)',
      });
      const run = runAs(
        { project, allowProduction: true, shutdownTimeoutSeconds: 1 },
        'user:default/raj',
      );
      await expect(action().handler(run.ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `VM 101 (payments-db) does not belong to ${project}: Wombat destroys only VMs stamped for the project alone (${
          project === 'project:evil/payments'
            ? 'wombat-project.evil.payments'
            : 'wombat-project.default.raj-sandbox'
        })`,
      });
      expectUntouched();
    });

    it('is refused when only its old bare stamp is there, for a shadow project', async () => {
      seedVm({ tags: ['wombat', 'wombat-project.payments'] });
      await expect(
        action().handler(
          runAs({ project: 'project:evil/payments' }, 'user:default/raj').ctx,
        ),
      ).rejects.toThrow('does not belong to project:evil/payments');
      expectUntouched();
    });
  });

  describe('allowProduction', () => {
    it('counts for a manager of a production project', async () => {
      seedVm({ tags: ['wombat', PAYMENTS_STAMP, 'production'] });
      await action().handler(runAs({ allowProduction: true }).ctx);
      expect(exists()).toBe(false);
    });

    it('counts for an admin', async () => {
      seedVm({
        tags: ['wombat', 'wombat-project.default.raj-sandbox', 'production'],
      });
      await action().handler(
        runAs(
          { project: 'project:default/raj-sandbox', allowProduction: true },
          'user:default/ada',
        ).ctx,
      );
      expect(exists()).toBe(false);
    });

    it('does not count for a manager of a project that is not production (F13)', async () => {
      seedVm({
        tags: ['wombat', 'wombat-project.default.raj-sandbox', 'production'],
      });
      await expect(
        action().handler(
          runAs(
            { project: 'project:default/raj-sandbox', allowProduction: true },
            'user:default/raj',
          ).ctx,
        ),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'VM 101 (payments-db) is tagged "production"; allowProduction counts only for platform admins and for managers of a project whose lifecycle is production, which project:default/raj-sandbox is not',
      });
      expectUntouched();
    });
  });

  it('reports every check in a dry run and changes nothing', async () => {
    seedVm({ protection: true });
    const run = runAs({}, 'user:default/maria', { isDryRun: true });
    await action().handler(run.ctx);
    expectUntouched();
    const lines = run.logs.map(l => l.message);
    expect(lines).toEqual(
      expect.arrayContaining([
        'passes: name confirmed',
        'passes: created by Wombat',
        'passes: in the project',
        expect.stringMatching(/^FAILS: protection off/),
        'Dry run: VM 101 would not be destroyed',
      ]),
    );
    expect(run.outputs).toEqual({ destroyed: false });
  });

  it('refuses templates', async () => {
    const run = runAs({ vmid: 9000, confirmName: 'ubuntu-24.04-cloud' });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      'VM 9000 is a template',
    );
    expect(writes(systems.proxmox.requests)).toEqual([]);
  });
});
