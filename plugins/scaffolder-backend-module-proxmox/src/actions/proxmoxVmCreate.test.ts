import { mockServices } from '@backstage/backend-test-utils';
import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import {
  TEST_TIMINGS,
  TOKEN_SECRET,
  useFakeProxmox,
  writes,
} from '../__testUtils__/fakeProxmox';
import { createProxmoxVmCreateAction } from './proxmoxVmCreate';

const KEYS = [
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+ maria@laptop',
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGaCtk/fSFOcIxzm2yfbyc+ZlXXFWhupRS3/3Pze5Lia ci@platform',
];

describe('proxmox:vm:create', () => {
  const systems = useFakeProxmox();
  let events: ReturnType<typeof mockServices.events.mock>;
  beforeEach(() => {
    events = mockServices.events.mock();
  });
  const action = () =>
    createProxmoxVmCreateAction({
      proxmox: systems.clients,
      events,
      timings: TEST_TIMINGS,
    });
  const input = {
    template: 'ubuntu-24.04-cloud',
    name: 'payments-db',
    project: 'payments',
    owner: 'group:default/team-payments',
    cores: 4,
    memoryMiB: 8192,
    diskGiB: 40,
    network: { bridge: 'vmbr0', vlan: 20 },
    ipConfig: { cidr: '10.0.20.15/24', gateway: '10.0.20.1' },
    ciUser: 'ops',
    sshKeys: KEYS,
    tags: ['database'],
    waitForIp: true,
    waitForIpTimeoutSeconds: 5,
  };
  const vm = () =>
    systems.proxmox.state.vms.find(v => v.name === 'payments-db');

  afterEach(() => jest.restoreAllMocks());

  it('clones, configures, grows, starts and reports the address', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);

    const created = vm()!;
    expect(created.node).toBe('pve1');
    expect(created.status).toBe('running');
    expect(created.tags).toEqual([
      'wombat',
      'wombat-project.payments',
      'wombat-owner.team-payments',
      'database',
    ]);
    expect(created.config).toMatchObject({
      cores: '4',
      memory: '8192',
      ciuser: 'ops',
      ipconfig0: 'ip=10.0.20.15/24,gw=10.0.20.1',
      sshkeys: KEYS.join('\n'),
    });
    expect(created.config.net0).toMatch(/bridge=vmbr0/);
    expect(created.config.net0).toMatch(/tag=20/);
    expect(created.config.scsi0).toMatch(/size=40G/);
    expect(run.outputs).toEqual({
      vmid: created.vmid,
      node: 'pve1',
      ipAddress: '10.0.20.15',
      created: true,
    });
    // The VMID came from /cluster/nextid.
    expect(
      systems.proxmox.requests.some(
        r => r.method === 'GET' && r.path === '/cluster/nextid',
      ),
    ).toBe(true);
  });

  it('announces the VM to the catalog once it is created', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
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
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    expect(run.outputs.created).toBe(true);
    expect(run.logs.map(l => l.message)).toContain(
      `Could not announce that VM ${
        vm()!.vmid
      } was created; the catalog learns of it on its next scheduled read: Service is shutting down`,
    );
  });

  it.each([
    ['a bare group name', 'team-payments', 'wombat-owner.team-payments'],
    ['a user', 'user:default/maria', 'wombat-owner-user.maria'],
    [
      'a name with capitals, as references ignore case',
      'Group:default/Team-Payments',
      'wombat-owner.team-payments',
    ],
  ])('tags the owner given as %s', async (_case, owner, tag) => {
    await action().handler(createTaskRun({ input: { ...input, owner } }).ctx);
    expect(vm()!.tags).toContain(tag);
  });

  it('adopts its own VM on a second run', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const clones = () =>
      systems.proxmox.requests.filter(
        r => r.method === 'POST' && r.path.endsWith('/clone'),
      );
    const second = createTaskRun({ input });
    await action().handler(second.ctx);
    expect(clones()).toHaveLength(1);
    expect(second.outputs).toMatchObject({ vmid: vm()!.vmid, created: false });
    expect(
      systems.proxmox.state.vms.filter(v => v.name === 'payments-db'),
    ).toHaveLength(1);
  });

  it('reports a VM of that name that Wombat did not create as a conflict', async () => {
    systems.proxmox.state.vms.push({
      vmid: 150,
      node: 'pve1',
      name: 'payments-db',
      template: false,
      status: 'stopped',
      tags: [],
      config: { cores: '1', memory: '1024' },
    });
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'A VM named payments-db (VMID 150 on pve1) exists that Wombat did not create; choose another name',
    });
  });

  it('makes no writes and announces nothing in a dry run', async () => {
    const run = createTaskRun({ input, isDryRun: true });
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
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    expect(vm()!.vmid).not.toBe(
      systems.proxmox.state.vms.find(v => v.name === 'someone-else')!.vmid,
    );
    expect(run.logs.some(l => /was taken meanwhile/.test(l.message))).toBe(
      true,
    );
  });

  it("reports a failed clone with Proxmox's exit status", async () => {
    systems.proxmox.failNextTask(
      'qmclone',
      "can't clone VM to node 'pve1' (VM uses local storage)",
    );
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      "Proxmox task qmclone failed: can't clone VM to node 'pve1' (VM uses local storage)",
    );
  });

  it('clones once when retried after a failure half-way', async () => {
    systems.proxmox.failNextTask(
      'qmstart',
      'start failed: QEMU exited with code 1',
    );
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toThrow(/start failed/);
    const retried = run.retry();
    await action().handler(retried.ctx);
    const clones = systems.proxmox.requests.filter(
      r => r.method === 'POST' && r.path.endsWith('/clone'),
    );
    expect(clones).toHaveLength(1);
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
      'an owner that is not a group or user',
      { owner: 'component:default/payments-api' },
      'owner "component:default/payments-api" must be a Group or a User, not a component',
    ],
    [
      'an owner outside the default namespace',
      { owner: 'group:ops/team-payments' },
      'owner "group:ops/team-payments" is in the namespace ops',
    ],
    [
      'an owner that names no entity',
      { owner: 'team payments' },
      'owner "team payments" names no entity',
    ],
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
  ])('rejects %s before any request', async (_case, change, message) => {
    const run = createTaskRun({ input: { ...input, ...change } });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.proxmox.requests).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('refuses to shrink the disk before creating anything', async () => {
    const run = createTaskRun({ input: { ...input, diskGiB: 4 } });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      "diskGiB 4 is smaller than the template's 8 GiB disk; disks can only grow",
    );
    expect(writes(systems.proxmox.requests)).toEqual([]);
  });

  it('keeps the token secret out of logs and outputs', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    expect(JSON.stringify([run.logs, run.outputs])).not.toContain(TOKEN_SECRET);
  });
});
