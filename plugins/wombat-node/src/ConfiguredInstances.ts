import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The clients of the named instances of one system under a config key such
 * as `wombat.harbor.instances`. The configuration is read on first use, so a
 * portal without that system still starts, and an action that needs it says
 * what is missing.
 */
export class ConfiguredInstances<TInstance extends { name: string }, TClient> {
  private readonly clients = new Map<string, TClient>();

  constructor(
    private readonly options: {
      config: Config;
      /** e.g. `wombat.harbor.instances` */
      key: string;
      /** e.g. `Harbor`, for messages. */
      system: string;
      read: (instance: Config) => TInstance;
      create: (instance: TInstance) => TClient;
    },
  ) {}

  /** The names of the configured instances, in their order. */
  names(): string[] {
    const { config, key } = this.options;
    return (config.getOptionalConfigArray(key) ?? []).map(instance =>
      instance.getString('name'),
    );
  }

  /** The client for the instance of that name (default: `default`). */
  get(name: string = 'default'): TClient {
    let client = this.clients.get(name);
    if (!client) {
      const { config, key, system } = this.options;
      const instances = (config.getOptionalConfigArray(key) ?? []).map(
        this.options.read,
      );
      const instance = instances.find(i => i.name === name);
      if (!instance) {
        const known = instances.map(i => i.name).join(', ') || 'none';
        throw new InputError(
          `No ${system} instance named ${name} in ${key} (configured: ${known})`,
        );
      }
      client = this.options.create(instance);
      this.clients.set(name, client);
    }
    return client;
  }
}
