import { mockServices } from '@backstage/backend-test-utils';
import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import {
  TEST_TIMINGS,
  TOKEN_SECRET,
  useFakeProxmox,
  wombatVm,
  writes,
} from '../__testUtils__/fakeProxmox';
import { TestUser, as, createTestGuard } from '../__testUtils__/tenancy';
import { createProxmoxVmCreateAction } from './proxmoxVmCreate';

const KEYS = [
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+ maria@laptop',
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGaCtk/fSFOcIxzm2yfbyc+ZlXXFWhupRS3/3Pze5Lia ci@platform',
];
const RAJ_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGaCtk/fSFOcIxzm2yfbyc+ZlXXFWhupRS3/3Pze5Lia raj';

describe('proxmox:vm:create', () => {
  const systems = useFakeProxmox();
  const guard = createTestGuard();
  let events: ReturnType<typeof mockServices.events.mock>;
  beforeEach(() => {
    events = mockServices.events.mock();
    // A second template, which the default instance does not allow.
    systems.proxmox.state.vms.push({
      vmid: 9001,
      node: 'pve1',
      name: 'debian-13-cloud',
      template: true,
      status: 'stopped',
      tags: [],
      config: {
        cores: '2',
        memory: '2048',
        scsi0: 'local-lvm:base-9001-disk-0,size=8G',
        net0: 'virtio=BC:24:11:00:00:02,bridge=vmbr0',
        agent: '1',
      },
    });
  });
  const action = () =>
    createProxmoxVmCreateAction({
      proxmox: systems.clients,
      guard,
      events,
      timings: TEST_TIMINGS,
    });
  const input = {
    project: 'project:default/payments',
    template: 'ubuntu-24.04-cloud',
    name: 'payments-db',
    cores: 4,
    memoryMiB: 8192,
    diskGiB: 40,
    network: { bridge: 'vmbr0', vlan: 20 },
    ciUser: 'ops',
    sshKeys: KEYS,
    tags: ['database'],
    waitForIp: true,
    waitForIpTimeoutSeconds: 5,
  };
  /** A run of the action by `user` (default dana, a developer of payments). */
  const runAs = (
    changes: object = {},
    user: TestUser = 'user:default/dana',
    extra: { isDryRun?: boolean } = {},
  ) =>
    createTaskRun({
      input: { ...input, ...changes },
      credentials: as(user),
      ...extra,
    });
  const vm = (name = 'payments-db') =>
    systems.proxmox.state.vms.find(v => v.name === name);
  const clones = () =>
    systems.proxmox.requests.filter(
      r => r.method === 'POST' && r.path.endsWith('/clone'),
    );

  afterEach(() => jest.restoreAllMocks());

  it('clones, stamps, configures, grows, starts and reports the address', async () => {
    const run = runAs();
    await action().handler(run.ctx);

    const created = vm()!;
    expect(created.node).toBe('pve1');
    expect(created.status).toBe('running');
    expect(created.tags).toEqual([
      'wombat',
      'wombat-project.default.payments',
      'wombat-owner.team-payments',
      // payments' lifecycle is production.
      'production',
      'database',
    ]);
    expect(created.config).toMatchObject({
      cores: '4',
      memory: '8192',
      ciuser: 'ops',
      // Not an admin: DHCP.
      ipconfig0: 'ip=dhcp',
      sshkeys: KEYS.join('\n'),
      description:
        'Created by Wombat for project:default/payments (wombat-project.default.payments)',
    });
    expect(created.config.net0).toMatch(/bridge=vmbr0/);
    expect(created.config.net0).toMatch(/tag=20/);
    expect(created.config.scsi0).toMatch(/size=40G/);
    expect(created.config.protection).toBeUndefined();
    expect(run.outputs).toEqual({
      vmid: created.vmid,
      node: 'pve1',
      ipAddress: '10.0.0.10',
      created: true,
    });
    // The VMID came from /cluster/nextid, and the stamp was in the clone request.
    expect(
      systems.proxmox.requests.some(
        r => r.method === 'GET' && r.path === '/cluster/nextid',
      ),
    ).toBe(true);
    expect(clones()).toHaveLength(1);
    expect(clones()[0].body).toMatchObject({
      name: 'payments-db',
      description:
        'Created by Wombat for project:default/payments (wombat-project.default.payments)',
    });
  });

  it('announces the VM to the catalog once it is created', async () => {
    await action().handler(runAs().ctx);
    expect(events.publish).toHaveBeenCalledTimes(1);
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'wombat.proxmox.vm',
      eventPayload: {
        instance: 'default',
        vmid: vm()!.vmid,
        change: 'created',
      },
    });
  });

  it('still succeeds when the announcement fails', async () => {
    events.publish.mockRejectedValue(new Error('Service is shutting down'));
    const run = runAs();
    await action().handler(run.ctx);
    expect(run.outputs.created).toBe(true);
    expect(run.logs.map(l => l.message)).toContain(
      `Could not announce that VM ${
        vm()!.vmid
      } was created; the catalog learns of it on its next scheduled read: Service is shutting down`,
    );
  });

  it("tags the Project's owner, and production only for a production project", async () => {
    await action().handler(
      runAs(
        { project: 'project:default/raj-sandbox', name: 'raj-box', tags: [] },
        'user:default/raj',
      ).ctx,
    );
    expect(vm('raj-box')!.tags).toEqual([
      'wombat',
      'wombat-project.default.raj-sandbox',
      'wombat-owner-user.raj',
    ]);
  });

  it('writes no owner tag when the owner cannot be one, and says so', async () => {
    const run = runAs(
      { project: 'project:default/lab', name: 'lab-box', tags: [] },
      'user:default/ada',
    );
    await action().handler(run.ctx);
    expect(vm('lab-box')!.tags).toEqual([
      'wombat',
      'wombat-project.default.lab',
    ]);
    expect(run.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining(
          'The Project\'s spec.owner "group:ops/lab-team" is in the namespace ops',
        ),
      }),
    );
  });

  it('uses its own VM on a second run, and never turns protection off', async () => {
    await action().handler(runAs({ protection: true }).ctx);
    const second = runAs({ protection: false, tags: ['cache'] });
    await action().handler(second.ctx);
    expect(clones()).toHaveLength(1);
    expect(second.outputs).toMatchObject({ vmid: vm()!.vmid, created: false });
    expect(
      systems.proxmox.state.vms.filter(v => v.name === 'payments-db'),
    ).toHaveLength(1);
    expect(vm()!.config.protection).toBe('1');
    expect(vm()!.tags).toEqual([
      'wombat',
      'wombat-project.default.payments',
      'wombat-owner.team-payments',
      'production',
      'cache',
      'database',
    ]);
  });

  it('recognises its VM by the description when the task died after the clone, before the tags', async () => {
    // The task dies while it waits for the clone; Proxmox finishes it.
    systems.proxmox.failNext(
      { method: 'GET', path: /\/tasks\/.+\/status$/ },
      500,
    );
    const run = runAs();
    await expect(action().handler(run.ctx)).rejects.toThrow(/500/);
    await waitFor(() => vm()?.config.lock === undefined && !!vm());
    expect(vm()!.tags).toEqual([]);

    const retried = run.retry();
    await action().handler(retried.ctx);
    expect(clones()).toHaveLength(1);
    expect(
      systems.proxmox.state.vms.filter(v => v.name === 'payments-db'),
    ).toHaveLength(1);
    expect(vm()!.tags).toEqual([
      'wombat',
      'wombat-project.default.payments',
      'wombat-owner.team-payments',
      'production',
      'database',
    ]);
    expect(retried.logs.map(l => l.message)).toContain(
      `VM payments-db exists (VMID ${
        vm()!.vmid
      }) in project:default/payments; using it`,
    );
  });

  it('reports a VM of that name that Wombat did not create as a conflict', async () => {
    systems.proxmox.state.vms.push(
      wombatVm({ vmid: 150, name: 'payments-db', tags: [], status: 'stopped' }),
    );
    await expect(action().handler(runAs().ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'VM payments-db (VMID 150 on pve1) exists but was not created by Wombat for project:default/payments; choose another name, or ask a platform admin to adopt it (adopt: true)',
    });
    expect(writes(systems.proxmox.requests)).toEqual([]);
  });

  describe('adopting a VM that Wombat did not create', () => {
    beforeEach(() => {
      systems.proxmox.state.vms.push(
        wombatVm({
          vmid: 150,
          name: 'legacy-db',
          tags: ['database', 'wombat-owner.someone'],
          config: { protection: '1' },
        }),
      );
    });

    it('is for platform admins, and writes the tags without lowering protection', async () => {
      const run = createTaskRun({
        input: {
          project: 'project:default/payments',
          template: 'ubuntu-24.04-cloud',
          name: 'legacy-db',
          adopt: true,
          protection: false,
        },
        credentials: as('user:default/ada'),
      });
      await action().handler(run.ctx);
      expect(clones()).toEqual([]);
      const adopted = vm('legacy-db')!;
      expect(adopted.tags).toEqual([
        'wombat',
        'wombat-project.default.payments',
        'wombat-owner.team-payments',
        'production',
        'database',
      ]);
      expect(adopted.config.protection).toBe('1');
      // An admin's VM that existed keeps its address.
      expect(adopted.config.ipconfig0).toBe('ip=10.0.20.15/24,gw=10.0.20.1');
      expect(run.outputs).toMatchObject({ vmid: 150, created: false });
    });

    it('is refused to a developer, and nothing is written', async () => {
      await expect(
        action().handler(runAs({ name: 'legacy-db', adopt: true }).ctx),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'Adopting VM legacy-db (VMID 150 on pve1) is for platform admins only',
      });
      expect(writes(systems.proxmox.requests)).toEqual([]);
      expect(vm('legacy-db')!.tags).toEqual([
        'database',
        'wombat-owner.someone',
      ]);
    });
  });

  it('makes no writes and announces nothing in a dry run', async () => {
    const run = runAs({}, 'user:default/dana', { isDryRun: true });
    await action().handler(run.ctx);
    expect(writes(systems.proxmox.requests)).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
    expect(run.outputs).toMatchObject({ vmid: 0, created: false });
  });

  it('takes the next VMID when a concurrent clone took the one it was given', async () => {
    // Another clone lands on the id nextid hands out, between nextid and clone.
    let raced = false;
    const originalNextId = systems.clients
      .forInstance()
      .nextId.bind(systems.clients.forInstance());
    jest
      .spyOn(systems.clients.forInstance(), 'nextId')
      .mockImplementation(async vmid => {
        const id = await originalNextId(vmid);
        if (!raced) {
          raced = true;
          systems.proxmox.state.vms.push({
            vmid: id,
            node: 'pve1',
            name: 'someone-else',
            template: false,
            status: 'stopped',
            tags: [],
            config: {},
          });
        }
        return id;
      });
    const run = runAs();
    await action().handler(run.ctx);
    expect(vm()!.vmid).not.toBe(vm('someone-else')!.vmid);
    expect(run.logs.some(l => /was taken meanwhile/.test(l.message))).toBe(
      true,
    );
  });

  it("reports a failed clone with Proxmox's exit status", async () => {
    systems.proxmox.failNextTask(
      'qmclone',
      "can't clone VM to node 'pve1' (VM uses local storage)",
    );
    await expect(action().handler(runAs().ctx)).rejects.toThrow(
      "Proxmox task qmclone failed: can't clone VM to node 'pve1' (VM uses local storage)",
    );
  });

  it('clones once when retried after a failure half-way', async () => {
    systems.proxmox.failNextTask(
      'qmstart',
      'start failed: QEMU exited with code 1',
    );
    const run = runAs();
    await expect(action().handler(run.ctx)).rejects.toThrow(/start failed/);
    const retried = run.retry();
    await action().handler(retried.ctx);
    expect(clones()).toHaveLength(1);
    expect(vm()!.status).toBe('running');
    expect(retried.outputs.created).toBe(true);
  });

  it.each([
    [
      'a name that is not a DNS label',
      { name: 'Payments_DB' },
      'name "Payments_DB" must be a DNS-1123 label',
    ],
    [
      'a private key instead of a public one',
      { sshKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----'] },
      'sshKeys[0] has the unknown key type',
    ],
    [
      'a tag Proxmox refuses',
      { tags: ['Database'] },
      'tags[0] "Database" must be lowercase',
    ],
    [
      "another project's stamp as a tag",
      { tags: ['database', 'wombat-project.raj-sandbox'] },
      'tags[1] "wombat-project.raj-sandbox" is reserved',
    ],
    [
      'the production tag',
      { tags: ['production'] },
      'tags[0] "production" is reserved',
    ],
    [
      'an owner tag',
      { tags: ['wombat-owner.platform-admins'] },
      'tags[0] "wombat-owner.platform-admins" is reserved',
    ],
    ["Wombat's own tag", { tags: ['wombat'] }, 'tags[0] "wombat" is reserved'],
    [
      'an address without a prefix',
      { ipConfig: { cidr: '10.0.20.15' } },
      'ipConfig.cidr "10.0.20.15" is not an IPv4 address with a prefix',
    ],
    [
      'a VLAN out of range',
      { network: { vlan: 5000 } },
      'network.vlan 5000 must be a whole number from 1 to 4094',
    ],
    [
      'waiting for an IP of a VM that is not started',
      { start: false },
      'waitForIp needs start',
    ],
    [
      'a project that is not a full reference',
      { project: 'payments' },
      'project "payments" is not a full Project reference',
    ],
    [
      'a project that is not in the catalog',
      { project: 'project:default/orders' },
      'project project:default/orders is not in the catalog',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    await expect(action().handler(runAs(change).ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.proxmox.requests).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a viewer',
      'user:default/victor',
      'user:default/victor may not add to project:default/payments: that needs the developer role in it, and they are viewer',
    ],
    [
      'an outsider, even a global developer',
      'user:default/raj',
      'user:default/raj may not add to project:default/payments: that needs the developer role in it',
    ],
  ] as const)('refuses %s before any request', async (_case, user, message) => {
    await expect(action().handler(runAs({}, user).ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message,
    });
    await expect(
      action().handler(runAs({}, user, { isDryRun: true }).ctx),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(systems.proxmox.requests).toEqual([]);
  });

  describe("another project's VM (F3, F6)", () => {
    const victim = () =>
      wombatVm({
        vmid: 101,
        name: 'payments-db',
        tags: [
          'wombat',
          'wombat-project.default.payments',
          'wombat-owner.team-payments',
          'production',
        ],
        config: {
          protection: '1',
          description:
            'Created by Wombat for project:default/payments (wombat-project.default.payments)',
        },
      });
    const attack = {
      template: 'ubuntu-24.04-cloud',
      name: 'payments-db',
      sshKeys: [RAJ_KEY],
      protection: false,
      network: { bridge: 'vmbr0' },
      tags: ['mine'],
      waitForIp: false,
    };

    it.each([
      ['stamped with its namespace', victim().tags],
      [
        'stamped the old way, by bare name',
        ['wombat', 'wombat-project.payments', 'production'],
      ],
    ])(
      'is a conflict for the manager of another project when %s, and stays as it was',
      async (_case, tags) => {
        const seeded = { ...victim(), tags };
        systems.proxmox.state.vms.push(seeded);
        const before = JSON.parse(JSON.stringify(seeded));
        for (const project of [
          'project:default/raj-sandbox',
          // A shadow Project of the same name in another namespace.
          'project:evil/payments',
        ]) {
          const run = createTaskRun({
            input: { ...attack, project },
            credentials: as('user:default/raj'),
          });
          await expect(action().handler(run.ctx)).rejects.toMatchObject({
            name: 'ConflictError',
            message: `VM payments-db (VMID 101 on pve1) belongs to another Wombat project than ${project}; choose another name`,
          });
        }
        expect(writes(systems.proxmox.requests)).toEqual([]);
        const after = vm()!;
        expect(after.tags).toEqual(before.tags);
        expect(after.config).toEqual(before.config);
        expect(after.config).toMatchObject({
          protection: '1',
          net0: 'virtio=BC:24:11:00:01:01,bridge=vmbr0,tag=20',
          sshkeys: expect.stringContaining('maria@laptop'),
        });
      },
    );

    it('is a conflict for an admin too, adopt or not', async () => {
      systems.proxmox.state.vms.push(victim());
      const run = createTaskRun({
        input: {
          ...attack,
          project: 'project:default/raj-sandbox',
          adopt: true,
        },
        credentials: as('user:default/ada'),
      });
      await expect(action().handler(run.ctx)).rejects.toMatchObject({
        name: 'ConflictError',
      });
      expect(writes(systems.proxmox.requests)).toEqual([]);
    });

    it('is a conflict when its description and tags name different projects', async () => {
      systems.proxmox.state.vms.push({
        ...victim(),
        tags: ['wombat', 'wombat-project.default.raj-sandbox'],
      });
      const run = createTaskRun({
        input: { ...attack, project: 'project:default/raj-sandbox' },
        credentials: as('user:default/raj'),
      });
      await expect(action().handler(run.ctx)).rejects.toThrow(
        'is stamped for 2 Wombat projects',
      );
      expect(writes(systems.proxmox.requests)).toEqual([]);
    });
  });

  describe("the instance's allow-list (F13)", () => {
    it.each([
      [
        'a template it does not name',
        { template: 'debian-13-cloud' },
        'template debian-13-cloud is not allowed on Proxmox default; allowed: ubuntu-24.04-cloud',
      ],
      [
        'a bridge it does not name',
        { network: { bridge: 'vmbr1' } },
        'network vmbr1 untagged is not allowed on Proxmox default; allowed: vmbr0 untagged, vmbr0 VLAN 20',
      ],
      [
        'a VLAN it does not name',
        { network: { bridge: 'vmbr0', vlan: 99 } },
        'network vmbr0 VLAN 99 is not allowed on Proxmox default',
      ],
      [
        'a pool it does not name',
        { pool: 'web' },
        'pool web is not allowed on Proxmox default; allowed: payments',
      ],
      [
        'more cores',
        { cores: 512 },
        'cores 512 is more than Proxmox default allows: at most 8',
      ],
      [
        'more memory',
        { memoryMiB: 32768 },
        'memoryMiB 32768 is more than Proxmox default allows: at most 16384 MiB',
      ],
      [
        'a larger disk',
        { diskGiB: 64 * 1024 },
        'diskGiB 65536 is more than Proxmox default allows: at most 100 GiB',
      ],
      [
        'a static address',
        { ipConfig: { cidr: '10.0.20.1/24' } },
        'ipConfig: static addresses (cidr, gateway) are for platform admins only',
      ],
    ])(
      'refuses a non-admin %s, and creates nothing',
      async (_case, change, message) => {
        for (const user of [
          'user:default/dana',
          'user:default/maria',
        ] as const) {
          await expect(
            action().handler(runAs(change, user).ctx),
          ).rejects.toMatchObject({
            name: 'InputError',
            message: expect.stringContaining(message),
          });
        }
        expect(writes(systems.proxmox.requests)).toEqual([]);
        expect(vm()).toBeUndefined();
      },
    );

    it('allows a template it names by name when given by VMID', async () => {
      await action().handler(runAs({ template: 9000, pool: 'payments' }).ctx);
      expect(vm()!.pool).toBe('payments');
    });

    it('lets only admins create on an instance without one', async () => {
      await expect(
        action().handler(runAs({ instance: 'open' }).ctx),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'Creating VMs on Proxmox open, which has no allow-list (wombat.proxmox.instances[].allowed), is for platform admins only',
      });
      expect(systems.proxmox.requests).toEqual([]);
    });

    it('does not limit platform admins', async () => {
      const run = runAs(
        {
          instance: 'open',
          template: 'debian-13-cloud',
          network: { bridge: 'vmbr1', vlan: 99 },
          ipConfig: { cidr: '10.0.99.5/24', gateway: '10.0.99.1' },
          cores: 16,
          pool: 'platform',
        },
        'user:default/ada',
      );
      await action().handler(run.ctx);
      expect(vm()!.config).toMatchObject({
        cores: '16',
        ipconfig0: 'ip=10.0.99.5/24,gw=10.0.99.1',
      });
      expect(vm()!.config.net0).toMatch(/bridge=vmbr1,tag=99/);
    });
  });

  it('refuses to shrink the disk before creating anything', async () => {
    await expect(action().handler(runAs({ diskGiB: 4 }).ctx)).rejects.toThrow(
      "diskGiB 4 is smaller than the template's 8 GiB disk; disks can only grow",
    );
    expect(writes(systems.proxmox.requests)).toEqual([]);
  });

  it('keeps the token secret out of logs and outputs', async () => {
    const run = runAs();
    await action().handler(run.ctx);
    expect(JSON.stringify([run.logs, run.outputs])).not.toContain(TOKEN_SECRET);
  });
});

async function waitFor(condition: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
