import {
  LoggerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DeferredEntity,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  DEFAULT_PROXMOX_VMS,
  ProxmoxVmSeed,
  createFakeProxmox,
} from '@wombat/plugin-wombat-node-test-utils';
import {
  PROXMOX_VM_EVENTS_TOPIC,
  ProxmoxClientFactory,
} from '@wombat/plugin-wombat-node';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { WombatProxmoxVmProvider } from './WombatProxmoxVmProvider';

const SECRET = '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e';
const LAB_URL = 'https://pve-lab.example.com:8006';

/** A VM as proxmox:vm:create leaves it, running for an hour. */
function wombatVm(
  seed: Omit<Partial<ProxmoxVmSeed>, 'config'> & { vmid: number },
) {
  return {
    node: 'pve1',
    name: `vm-${seed.vmid}`,
    template: false,
    status: 'running' as 'running' | 'stopped',
    startedAt: Date.now() - 3_600_000,
    tags: ['wombat'],
    ...seed,
    config: {
      cores: '2',
      memory: '2048',
      net0: `virtio=BC:24:11:00:01:${(seed.vmid % 256)
        .toString(16)
        .padStart(2, '0')},bridge=vmbr0`,
      agent: '1',
    },
  };
}

const PAYMENTS_DB = wombatVm({
  vmid: 101,
  name: 'payments-db',
  tags: [
    'wombat',
    'wombat-project.default.payments',
    'wombat-owner.team-payments',
  ],
  ip: '10.0.0.2/24',
});

function collectingLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  const logger: LoggerService = {
    child: () => logger,
    debug: message => lines.push({ level: 'debug', message }),
    info: message => lines.push({ level: 'info', message }),
    warn: message => lines.push({ level: 'warn', message }),
    error: message => lines.push({ level: 'error', message }),
  };
  return { logger, lines };
}

function instance(name: string, url: string) {
  return { name, url, tokenId: 'wombat@pve!portal', tokenSecret: SECRET };
}

describe('WombatProxmoxVmProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let proxmox: ReturnType<typeof createFakeProxmox>;
  let lab: ReturnType<typeof createFakeProxmox>;

  beforeEach(() => {
    proxmox = createFakeProxmox({
      vms: [
        ...DEFAULT_PROXMOX_VMS,
        PAYMENTS_DB,
        // Stopped: no address to ask for.
        wombatVm({
          vmid: 102,
          name: 'scratch-1',
          status: 'stopped',
          tags: ['wombat', 'wombat-owner-user.maria'],
        }),
        // Not Wombat's.
        wombatVm({ vmid: 103, name: 'legacy-db', tags: ['database'] }),
        // A template Wombat tagged is still a template.
        wombatVm({
          vmid: 9001,
          name: 'debian-13-cloud',
          template: true,
          status: 'stopped',
        }),
      ],
    });
    lab = createFakeProxmox({
      baseUrl: LAB_URL,
      vms: [
        wombatVm({
          vmid: 200,
          name: 'lab-runner',
          tags: ['wombat', 'wombat-owner.platform'],
          ip: '10.1.0.5/24',
        }),
      ],
    });
    server.use(...proxmox.handlers, ...lab.handlers);
  });

  afterEach(() => {
    const violations = [...proxmox.violations, ...lab.violations];
    if (violations.length > 0) {
      throw new Error(`Proxmox contract violations: ${violations.join('; ')}`);
    }
  });

  function setUp(
    options: {
      defaultOwner?: string;
      schedule?: {
        frequency: { minutes: number };
        timeout: { minutes: number };
      };
    } = {},
  ) {
    const config = new ConfigReader({
      wombat: {
        proxmox: {
          instances: [
            instance('default', proxmox.baseUrl),
            instance('lab', LAB_URL),
          ],
        },
      },
      catalog: {
        providers: {
          wombatProxmox: {
            ...(options.defaultOwner
              ? { defaultOwner: options.defaultOwner }
              : {}),
            ...(options.schedule ? { schedule: options.schedule } : {}),
          },
        },
      },
    });
    const { logger, lines } = collectingLogger();
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const schedules: unknown[] = [];
    const scheduler = mockServices.scheduler.mock({
      createScheduledTaskRunner: jest.fn(
        (schedule): SchedulerServiceTaskRunner => {
          schedules.push(schedule);
          return {
            run: async task => {
              tasks.push(task);
            },
          };
        },
      ),
    });
    const events = mockServices.events();
    const providers = WombatProxmoxVmProvider.fromConfig(config, {
      logger,
      scheduler,
      events,
      proxmox: ProxmoxClientFactory.fromConfig(config, {
        retry: { retries: 0 },
      }),
    });
    const mutations = new Map<string, EntityProviderMutation[]>();
    const connect = async () => {
      for (const provider of providers) {
        const applied: EntityProviderMutation[] = [];
        mutations.set(provider.getProviderName(), applied);
        const connection: EntityProviderConnection = {
          applyMutation: async mutation => {
            applied.push(mutation);
          },
          refresh: async () => {},
        };
        await provider.connect(connection);
      }
    };
    /** Connects every provider and runs each one's scheduled task once. */
    const readAll = async () => {
      await connect();
      for (const task of tasks) {
        await task.fn(new AbortController().signal);
      }
    };
    const entitiesOf = (providerName: string): Entity[] => {
      const last = mutations.get(providerName)?.at(-1);
      if (last?.type !== 'full') throw new Error('no full mutation');
      return last.entities.map((d: DeferredEntity) => d.entity);
    };
    return {
      providers,
      tasks,
      schedules,
      events,
      lines,
      mutations,
      connect,
      readAll,
      entitiesOf,
    };
  }

  it('is one provider per instance, each with its own scheduled task', async () => {
    const { providers, tasks, schedules, connect } = setUp();
    await connect();
    expect(providers.map(p => p.getProviderName())).toEqual([
      'WombatProxmoxVmProvider:default',
      'WombatProxmoxVmProvider:lab',
    ]);
    expect(providers.map(p => p.locationKey)).toEqual([
      'wombat-proxmox:default',
      'wombat-proxmox:lab',
    ]);
    expect(tasks.map(t => t.id)).toEqual([
      'WombatProxmoxVmProvider:default:refresh',
      'WombatProxmoxVmProvider:lab:refresh',
    ]);
    expect(schedules[0]).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 1 },
    });
  });

  it('takes its schedule from catalog.providers.wombatProxmox.schedule', () => {
    const { schedules } = setUp({
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
    });
    expect(schedules[0]).toEqual({
      frequency: { minutes: 30 },
      timeout: { minutes: 3 },
    });
  });

  it("lists Wombat's VMs as Resources, with owner, project, VMID, node and IP", async () => {
    const { readAll, mutations, entitiesOf, lines } = setUp();
    await readAll();

    const [mutation] = mutations.get('WombatProxmoxVmProvider:default')!;
    expect(mutation.type).toBe('full');
    expect(
      mutation.type === 'full' && mutation.entities.map(e => e.locationKey),
    ).toEqual(['wombat-proxmox:default', 'wombat-proxmox:default']);

    const entities = entitiesOf('WombatProxmoxVmProvider:default');
    expect(entities.map(e => e.metadata.name)).toEqual([
      'payments-db',
      'scratch-1',
    ]);
    expect(entities[0]).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'payments-db',
        title: 'payments-db',
        description:
          'Virtual machine 101 on node pve1 of the Proxmox VE instance default, created by Wombat',
        annotations: {
          'backstage.io/managed-by-location': 'wombat-proxmox:default/101',
          'backstage.io/managed-by-origin-location':
            'wombat-proxmox:default/101',
          'wombat.dev/project': 'project:default/payments',
          'wombat.dev/proxmox-instance': 'default',
          'wombat.dev/proxmox-node': 'pve1',
          'wombat.dev/proxmox-vmid': '101',
          'wombat.dev/proxmox-ip': '10.0.0.2',
        },
        tags: ['proxmox', 'wombat'],
      },
      spec: { type: 'virtual-machine', owner: 'group:default/team-payments' },
    });
    // A user owner; a stopped VM has no address and its agent is not asked.
    expect(entities[1].spec?.owner).toBe('user:default/maria');
    expect(entities[1].metadata.annotations).not.toHaveProperty(
      'wombat.dev/proxmox-ip',
    );
    expect(entities[1].metadata.annotations).not.toHaveProperty(
      'wombat.dev/project',
    );
    const agentCalls = proxmox.requests
      .filter(r => r.path.endsWith('/agent/network-get-interfaces'))
      .map(r => r.path);
    expect(agentCalls).toEqual([
      '/nodes/pve1/qemu/101/agent/network-get-interfaces',
    ]);
    // Only reads.
    expect(proxmox.requests.every(r => r.method === 'GET')).toBe(true);
    expect(lines.filter(l => l.level === 'warn')).toEqual([]);
  });

  it('lists a VM whose guest agent is not up yet without an address', async () => {
    // As Proxmox answers while the agent is not running yet.
    proxmox.failNext(
      { method: 'GET', path: /\/agent\/network-get-interfaces$/ },
      500,
    );
    const { readAll, entitiesOf, lines } = setUp();
    await readAll();
    const [paymentsDb] = entitiesOf('WombatProxmoxVmProvider:default');
    expect(paymentsDb.metadata.name).toBe('payments-db');
    expect(paymentsDb.metadata.annotations).not.toHaveProperty(
      'wombat.dev/proxmox-ip',
    );
    expect(lines.filter(l => l.level === 'warn')).toEqual([]);
  });

  it('lists VMs without an address when the token may not ask the guest agent', async () => {
    proxmox.failNext(
      { method: 'GET', path: /\/agent\/network-get-interfaces$/ },
      403,
    );
    const { readAll, entitiesOf, lines } = setUp();
    await readAll();
    expect(
      entitiesOf('WombatProxmoxVmProvider:default').map(e => e.metadata.name),
    ).toEqual(['payments-db', 'scratch-1']);
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      expect.stringMatching(
        /^Could not read the addresses of 1 VMs of Proxmox default; they are listed without: Proxmox default GET \/nodes\/pve1\/qemu\/101\/agent\/network-get-interfaces failed with 403/,
      ),
    ]);
  });

  it('leaves out a VM without an owner tag, unless a default owner is configured', async () => {
    proxmox.state.vms.push(
      wombatVm({
        vmid: 104,
        name: 'orphan',
        status: 'stopped',
        tags: ['wombat', 'wombat-project.web-shop'],
      }),
    );
    const without = setUp();
    await without.readAll();
    expect(
      without
        .entitiesOf('WombatProxmoxVmProvider:default')
        .map(e => e.metadata.name),
    ).toEqual(['payments-db', 'scratch-1']);
    expect(
      without.lines.filter(l => l.level === 'warn').map(l => l.message),
    ).toEqual([
      'VM 104 (orphan) of Proxmox default is left out of the catalog: it has no usable wombat-owner tag and catalog.providers.wombatProxmox.defaultOwner is not set',
    ]);

    const withDefault = setUp({ defaultOwner: 'platform' });
    await withDefault.readAll();
    const orphan = withDefault
      .entitiesOf('WombatProxmoxVmProvider:default')
      .find(e => e.metadata.name === 'orphan');
    expect(orphan?.spec?.owner).toBe('group:default/platform');
    // The old bare stamp names a project of the default namespace.
    expect(orphan?.metadata.annotations?.['wombat.dev/project']).toBe(
      'project:default/web-shop',
    );
  });

  it('relates a VM to the project of its namespace, and to none when its stamps are ambiguous', async () => {
    proxmox.state.vms.push(
      wombatVm({
        vmid: 104,
        name: 'evil-db',
        status: 'stopped',
        tags: [
          'wombat',
          'wombat-project.evil.payments',
          'wombat-owner.team-web',
        ],
      }),
      wombatVm({
        vmid: 105,
        name: 'confused-db',
        status: 'stopped',
        tags: [
          'wombat',
          'wombat-project.default.payments',
          'wombat-project.evil.payments',
          'wombat-owner.team-web',
        ],
      }),
    );
    const { readAll, entitiesOf, lines } = setUp();
    await readAll();
    const projectOf = (name: string) =>
      entitiesOf('WombatProxmoxVmProvider:default').find(
        e => e.metadata.name === name,
      )?.metadata.annotations?.['wombat.dev/project'];
    expect(projectOf('payments-db')).toBe('project:default/payments');
    expect(projectOf('evil-db')).toBe('project:evil/payments');
    expect(projectOf('confused-db')).toBeUndefined();
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      'VM 105 of Proxmox default carries the stamps of 2 projects; it is listed without a project until a platform admin cleans its tags up',
    ]);
  });

  it('refuses a default owner that is not an entity reference', () => {
    expect(() => setUp({ defaultOwner: 'group:' })).toThrow(
      /catalog.providers.wombatProxmox.defaultOwner "group:" is not an entity reference/,
    );
  });

  it('names VMs that share a name by their VMID, the oldest keeping the name', async () => {
    proxmox.state.vms.push(
      wombatVm({
        vmid: 150,
        name: 'payments-db',
        status: 'stopped',
        tags: ['wombat', 'wombat-owner.team-web'],
      }),
    );
    const { readAll, entitiesOf } = setUp();
    await readAll();
    const entities = entitiesOf('WombatProxmoxVmProvider:default');
    expect(
      entities.map(e => [
        e.metadata.name,
        e.metadata.annotations?.['wombat.dev/proxmox-vmid'],
      ]),
    ).toEqual([
      ['payments-db', '101'],
      ['scratch-1', '102'],
      ['payments-db-150', '150'],
    ]);
  });

  it('applies nothing for an instance it cannot reach, and logs no secret', async () => {
    server.use(http.all(`${proxmox.baseUrl}/*`, () => HttpResponse.error()));
    const { readAll, mutations, lines, entitiesOf } = setUp();
    await readAll();

    expect(mutations.get('WombatProxmoxVmProvider:default')).toEqual([]);
    // The other instance is not affected.
    expect(
      entitiesOf('WombatProxmoxVmProvider:lab').map(e => e.metadata.name),
    ).toEqual(['lab-runner']);
    const warnings = lines.filter(l => l.level === 'warn');
    expect(warnings.map(l => l.message)).toEqual([
      expect.stringMatching(
        /^Could not read the VMs of Proxmox default; the catalog keeps the ones it knew: /,
      ),
    ]);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('applies nothing when Proxmox refuses the token', async () => {
    proxmox.failNext({ method: 'GET', path: /^\/cluster\/resources$/ }, 401);
    const { readAll, mutations, lines } = setUp();
    await readAll();
    expect(mutations.get('WombatProxmoxVmProvider:default')).toEqual([]);
    expect(lines.find(l => l.level === 'warn')?.message).toMatch(
      /GET \/cluster\/resources failed with 401/,
    );
  });

  it('reads the instance again at once when an action announces a change there', async () => {
    const { connect, events, mutations, entitiesOf } = setUp();
    await connect();
    const applied = () => ({
      default: mutations.get('WombatProxmoxVmProvider:default')!.length,
      lab: mutations.get('WombatProxmoxVmProvider:lab')!.length,
    });
    expect(applied()).toEqual({ default: 0, lab: 0 });

    lab.state.vms.push(
      wombatVm({
        vmid: 201,
        name: 'lab-runner-2',
        tags: ['wombat', 'wombat-owner.platform'],
        ip: '10.1.0.6/24',
      }),
    );
    await events.publish({
      topic: PROXMOX_VM_EVENTS_TOPIC,
      eventPayload: { instance: 'lab', vmid: 201, change: 'created' },
    });
    await waitFor(() => applied().lab === 1);
    expect(applied()).toEqual({ default: 0, lab: 1 });
    expect(
      entitiesOf('WombatProxmoxVmProvider:lab').map(e => [
        e.metadata.name,
        e.metadata.annotations?.['wombat.dev/proxmox-ip'],
      ]),
    ).toEqual([
      ['lab-runner', '10.1.0.5'],
      ['lab-runner-2', '10.1.0.6'],
    ]);

    // A destroyed VM leaves the catalog with the next full mutation.
    lab.state.vms = lab.state.vms.filter(v => v.vmid !== 200);
    await events.publish({
      topic: PROXMOX_VM_EVENTS_TOPIC,
      eventPayload: { instance: 'lab', vmid: 200, change: 'destroyed' },
    });
    await waitFor(() => applied().lab === 2);
    expect(
      entitiesOf('WombatProxmoxVmProvider:lab').map(e => e.metadata.name),
    ).toEqual(['lab-runner-2']);

    // Other topics and malformed payloads are ignored.
    await events.publish({
      topic: PROXMOX_VM_EVENTS_TOPIC,
      eventPayload: { instance: 'lab' },
    });
    await events.publish({
      topic: 'something.else',
      eventPayload: { instance: 'lab', vmid: 1, change: 'created' },
    });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(applied()).toEqual({ default: 0, lab: 2 });
  });

  it('does not run two reads of one instance at once', async () => {
    const { providers, connect } = setUp();
    await connect();
    const [provider] = providers;
    const listings = () =>
      proxmox.requests.filter(r => r.path === '/cluster/resources');
    // Asked for twice before it starts: one read.
    const first = provider.refresh();
    expect(provider.refresh()).toBe(first);
    await waitFor(() => listings().length === 1);
    // Asked for while it runs: one more read after it, shared by both asks.
    const second = provider.refresh();
    expect(provider.refresh()).toBe(second);
    await Promise.all([first, second]);
    expect(listings()).toHaveLength(2);
  });
});

async function waitFor(condition: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
