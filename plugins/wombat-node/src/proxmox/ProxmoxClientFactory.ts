import { Config } from '@backstage/config';
import { ConfiguredInstances } from '../ConfiguredInstances';
import { RetryOptions } from '../retry';
import { readProxmoxAllowList } from './allowList';
import { ProxmoxClient, ProxmoxInstanceConfig } from './ProxmoxClient';

/**
 * Proxmox clients for the instances in `wombat.proxmox.instances`.
 *
 * @public
 */
export class ProxmoxClientFactory {
  static fromConfig(config: Config, options: { retry?: RetryOptions } = {}) {
    return new ProxmoxClientFactory(
      new ConfiguredInstances<ProxmoxInstanceConfig, ProxmoxClient>({
        config,
        key: 'wombat.proxmox.instances',
        system: 'Proxmox',
        read: instance => ({
          name: instance.getString('name'),
          url: instance.getString('url'),
          tokenId: instance.getString('tokenId'),
          tokenSecret: instance.getString('tokenSecret'),
          node: instance.getOptionalString('node'),
          allowed: readProxmoxAllowList(instance),
        }),
        create: instance => new ProxmoxClient(instance, options.retry),
      }),
    );
  }

  private constructor(
    private readonly instances: ConfiguredInstances<
      ProxmoxInstanceConfig,
      ProxmoxClient
    >,
  ) {}

  /** The names of the instances in `wombat.proxmox.instances`. */
  instanceNames(): string[] {
    return this.instances.names();
  }

  /** The client for the instance of that name (default: `default`). */
  forInstance(name?: string): ProxmoxClient {
    return this.instances.get(name);
  }
}
