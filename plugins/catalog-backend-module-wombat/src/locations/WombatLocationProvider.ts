import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  WOMBAT_LOCATIONS_TOPIC,
  WombatLocationEvent,
  isWombatLocationEvent,
} from '@wombat/plugin-wombat-node';
import { wombatLocationEntity } from './wombatLocationEntity';

/**
 * Adds and removes the catalog's Wombat locations, as `wombat:catalog:register`
 * asks on the events service after it checked the requester's right to
 * register the definition. The entities stay in the catalog's database
 * between restarts, as every provider's delta mutations do.
 *
 * @public
 */
export class WombatLocationProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly events: EventsService,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'WombatLocationProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.events.subscribe({
      id: this.getProviderName(),
      topics: [WOMBAT_LOCATIONS_TOPIC],
      onEvent: async ({ eventPayload }) => {
        if (isWombatLocationEvent(eventPayload)) {
          await this.apply(eventPayload);
        }
      },
    });
  }

  /** Adds or removes the location the event names. */
  async apply(event: WombatLocationEvent): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const entity = wombatLocationEntity(event);
    const locationKey = `wombat-location:${entity.metadata.name}`;
    await this.connection.applyMutation(
      event.change === 'added'
        ? { type: 'delta', added: [{ entity, locationKey }], removed: [] }
        : {
            type: 'delta',
            added: [],
            removed: [{ entityRef: stringifyEntityRef(entity), locationKey }],
          },
    );
    this.logger.info(
      `${event.change === 'added' ? 'Added' : 'Removed'} the location of ${
        event.entityRef
      }`,
      { entityRef: event.entityRef, target: event.target },
    );
  }
}
