import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  PROXMOX_VM_EVENTS_TOPIC,
  ProxmoxClient,
  ProxmoxClientFactory,
  isProxmoxVmChangedEvent,
  parseTags,
  readWombatTags,
} from '@wombat/plugin-wombat-node';
import { readVmProviderConfig } from './providerConfig';
import { WombatVm, vmEntities } from './vmEntities';

/** Guest agent calls at once: enough to be quick, few enough for Proxmox. */
const AGENT_CONCURRENCY = 4;

async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Keeps the VMs that Wombat tagged in one Proxmox VE instance in the catalog
 * as Resource entities of type `virtual-machine`: on a schedule, and at once
 * when Wombat's actions announce that they created or destroyed a VM of that
 * instance. An instance that cannot be read changes nothing: the catalog
 * keeps the VMs it last knew.
 *
 * @public
 */
export class WombatProxmoxVmProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private running?: Promise<void>;
  private queued?: Promise<void>;

  /**
   * One provider for each entry of `wombat.proxmox.instances`, scheduled by
   * `catalog.providers.wombatProxmox.schedule` unless `schedule` is given.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler?: SchedulerService;
      schedule?: SchedulerServiceTaskRunner;
      events?: EventsService;
      /** The clients; by default from the same config. */
      proxmox?: ProxmoxClientFactory;
    },
  ): WombatProxmoxVmProvider[] {
    const providerConfig = readVmProviderConfig(config);
    const proxmox = options.proxmox ?? ProxmoxClientFactory.fromConfig(config);
    return proxmox.instanceNames().map(instance => {
      const taskRunner =
        options.schedule ??
        options.scheduler?.createScheduledTaskRunner(providerConfig.schedule);
      if (!taskRunner) {
        throw new Error(
          'WombatProxmoxVmProvider needs a scheduler or a schedule',
        );
      }
      return new WombatProxmoxVmProvider({
        instance,
        proxmox,
        taskRunner,
        events: options.events,
        defaultOwner: providerConfig.defaultOwner,
        logger: options.logger.child({
          target: `WombatProxmoxVmProvider:${instance}`,
        }),
      });
    });
  }

  private constructor(
    private readonly options: {
      instance: string;
      proxmox: ProxmoxClientFactory;
      taskRunner: SchedulerServiceTaskRunner;
      events?: EventsService;
      defaultOwner?: string;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return `WombatProxmoxVmProvider:${this.options.instance}`;
  }

  /** The mutations' location key: every entity of this instance. */
  get locationKey(): string {
    return `wombat-proxmox:${this.options.instance}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
    await this.options.events?.subscribe({
      id: this.getProviderName(),
      topics: [PROXMOX_VM_EVENTS_TOPIC],
      onEvent: async ({ eventPayload }) => {
        if (
          isProxmoxVmChangedEvent(eventPayload) &&
          eventPayload.instance === this.options.instance
        ) {
          this.options.logger.info(
            `VM ${eventPayload.vmid} was ${eventPayload.change}; reading Proxmox ${this.options.instance} again`,
          );
          // The action that announced the change does not wait for the catalog.
          this.refresh().catch(error =>
            this.options.logger.warn(
              `Could not refresh the VMs of Proxmox ${this.options.instance}: ${
                (error as Error).message
              }`,
            ),
          );
        }
      },
    });
  }

  /**
   * Reads the instance and replaces its entities. Refreshes do not overlap:
   * one asked for while another runs follows it, and further ones join that.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    // A failed refresh does not stop the one after it.
    const previous = (this.running ?? Promise.resolve()).catch(() => undefined);
    const next: Promise<void> = previous.then(async () => {
      this.queued = undefined;
      this.running = next;
      try {
        await this.readAndApply();
      } finally {
        if (this.running === next) this.running = undefined;
      }
    });
    this.queued = next;
    return next;
  }

  private async readAndApply(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { instance, logger } = this.options;
    let vms: WombatVm[];
    try {
      vms = await this.readVms();
    } catch (error) {
      // ProxmoxClient's messages name the call and Proxmox's reason, never the token.
      logger.warn(
        `Could not read the VMs of Proxmox ${instance}; the catalog keeps the ones it knew: ${
          (error as Error).message
        }`,
      );
      return;
    }
    const entities = vmEntities({
      instance,
      vms,
      defaultOwner: this.options.defaultOwner,
      warn: message => logger.warn(message),
    });
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.locationKey,
      })),
    });
    logger.info(
      `Read ${entities.length} Wombat VMs from Proxmox ${instance} into the catalog`,
    );
  }

  /** Wombat's VMs (not templates, not containers), with the running ones' addresses. */
  private async readVms(): Promise<WombatVm[]> {
    const client = this.options.proxmox.forInstance(this.options.instance);
    const listed = (await client.listVms()).filter(
      vm =>
        (vm.type ?? 'qemu') === 'qemu' &&
        vm.template !== 1 &&
        readWombatTags(parseTags(vm.tags)).wombat,
    );
    const failures: string[] = [];
    const addresses = await mapConcurrently(
      listed,
      AGENT_CONCURRENCY,
      async vm =>
        vm.status === 'running'
          ? this.address(client, vm.node, vm.vmid, failures)
          : undefined,
    );
    if (failures.length > 0) {
      this.options.logger.warn(
        `Could not read the addresses of ${failures.length} VMs of Proxmox ${this.options.instance}; they are listed without: ${failures[0]}`,
      );
    }
    return listed.map((vm, index) => ({
      vmid: vm.vmid,
      name: vm.name,
      node: vm.node,
      status: vm.status,
      tags: vm.tags,
      ip: addresses[index],
    }));
  }

  /** The guest agent's address; none yet is normal, a failure is collected. */
  private async address(
    client: ProxmoxClient,
    node: string,
    vmid: number,
    failures: string[],
  ): Promise<string | undefined> {
    try {
      return await client.guestIpv4(node, vmid);
    } catch (error) {
      failures.push((error as Error).message);
      return undefined;
    }
  }
}
