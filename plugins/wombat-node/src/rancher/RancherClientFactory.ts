import { Config } from '@backstage/config';
import { ConfiguredInstances } from '../ConfiguredInstances';
import { RetryOptions } from '../retry';
import { RancherClient, RancherInstanceConfig } from './RancherClient';

/**
 * Rancher clients for the instances in `wombat.rancher.instances`.
 *
 * @public
 */
export class RancherClientFactory {
  static fromConfig(config: Config, options: { retry?: RetryOptions } = {}) {
    return new RancherClientFactory(
      new ConfiguredInstances<RancherInstanceConfig, RancherClient>({
        config,
        key: 'wombat.rancher.instances',
        system: 'Rancher',
        read: instance => ({
          name: instance.getString('name'),
          url: instance.getString('url'),
          token: instance.getString('token'),
        }),
        create: instance => new RancherClient(instance, options.retry),
      }),
    );
  }

  private constructor(
    private readonly instances: ConfiguredInstances<
      RancherInstanceConfig,
      RancherClient
    >,
  ) {}

  /** The client for the instance of that name (default: `default`). */
  forInstance(name?: string): RancherClient {
    return this.instances.get(name);
  }
}
