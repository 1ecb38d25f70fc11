import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { RetryOptions } from '../retry';
import { ProxmoxClient, ProxmoxInstanceConfig } from './ProxmoxClient';

/**
 * Proxmox clients for the instances in `wombat.proxmox.instances`, read
 * lazily so that a portal without Proxmox still starts.
 *
 * @public
 */
export class ProxmoxClientFactory {
  static fromConfig(config: Config, options: { retry?: RetryOptions } = {}) {
    return new ProxmoxClientFactory(config, options.retry);
  }

  private readonly clients = new Map<string, ProxmoxClient>();

  private constructor(
    private readonly config: Config,
    private readonly retry?: RetryOptions,
  ) {}

  private instances(): ProxmoxInstanceConfig[] {
    return (
      this.config.getOptionalConfigArray('wombat.proxmox.instances') ?? []
    ).map(instance => ({
      name: instance.getString('name'),
      url: instance.getString('url'),
      tokenId: instance.getString('tokenId'),
      tokenSecret: instance.getString('tokenSecret'),
      node: instance.getOptionalString('node'),
    }));
  }

  /** The client for the instance of that name (default: `default`). */
  forInstance(name: string = 'default'): ProxmoxClient {
    let client = this.clients.get(name);
    if (!client) {
      const instances = this.instances();
      const instance = instances.find(i => i.name === name);
      if (!instance) {
        const known = instances.map(i => i.name).join(', ') || 'none';
        throw new InputError(
          `No Proxmox instance named ${name} in wombat.proxmox.instances (configured: ${known})`,
        );
      }
      client = new ProxmoxClient(instance, this.retry);
      this.clients.set(name, client);
    }
    return client;
  }
}
