import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { RetryOptions } from '../retry';
import { RancherClient, RancherInstanceConfig } from './RancherClient';

/**
 * Rancher clients for the instances in `wombat.rancher.instances`, read
 * lazily so that a portal without Rancher still starts.
 *
 * @public
 */
export class RancherClientFactory {
  static fromConfig(config: Config, options: { retry?: RetryOptions } = {}) {
    return new RancherClientFactory(config, options.retry);
  }

  private readonly clients = new Map<string, RancherClient>();

  private constructor(
    private readonly config: Config,
    private readonly retry?: RetryOptions,
  ) {}

  private instances(): RancherInstanceConfig[] {
    return (
      this.config.getOptionalConfigArray('wombat.rancher.instances') ?? []
    ).map(instance => ({
      name: instance.getString('name'),
      url: instance.getString('url'),
      token: instance.getString('token'),
    }));
  }

  /** The client for the instance of that name (default: `default`). */
  forInstance(name: string = 'default'): RancherClient {
    let client = this.clients.get(name);
    if (!client) {
      const instances = this.instances();
      const instance = instances.find(i => i.name === name);
      if (!instance) {
        const known = instances.map(i => i.name).join(', ') || 'none';
        throw new InputError(
          `No Rancher instance named ${name} in wombat.rancher.instances (configured: ${known})`,
        );
      }
      client = new RancherClient(instance, this.retry);
      this.clients.set(name, client);
    }
    return client;
  }
}
