/**
 * The catalog accepts Projects and Clusters only from locations it was
 * configured with, or from locations of these types, which only Wombat's
 * catalog module creates: when `wombat:catalog:register` has checked that
 * the requester may register that Project's (or Cluster's) definition.
 * Users cannot register locations of these types (the catalog takes only
 * `url` from them), so `catalog.rules` can allow the kinds by location type:
 *
 * ```yaml
 * catalog:
 *   rules:
 *     - allow: [Project, Component, API, Resource, System]
 *       locations: [{ type: wombat-project }]
 *     - allow: [Cluster]
 *       locations: [{ type: wombat-cluster }]
 * ```
 *
 * The location's target is the reference of the entity it was registered
 * for (`wombat-project:project:default/payments`); the catalog module
 * refuses any other Project or Cluster from it.
 *
 * @public
 */
export const WOMBAT_PROJECT_LOCATION_TYPE = 'wombat-project';

/** See {@link WOMBAT_PROJECT_LOCATION_TYPE}. @public */
export const WOMBAT_CLUSTER_LOCATION_TYPE = 'wombat-cluster';

/**
 * The events topic on which `wombat:catalog:register` asks the catalog
 * module to add (or remove) a Wombat location.
 *
 * @public
 */
export const WOMBAT_LOCATIONS_TOPIC = 'wombat.catalog.locations';

/**
 * The payload of an event on {@link WOMBAT_LOCATIONS_TOPIC}.
 *
 * @public
 */
export interface WombatLocationEvent {
  change: 'added' | 'removed';
  /** `project:<ns>/<name>` or `cluster:<ns>/<name>`, lowercase. */
  entityRef: string;
  /** The URL of the file that defines it (and what belongs with it). */
  target: string;
}

/** Whether an event payload is a {@link WombatLocationEvent}. @public */
export function isWombatLocationEvent(
  payload: unknown,
): payload is WombatLocationEvent {
  const event = payload as Partial<WombatLocationEvent> | null | undefined;
  return (
    (event?.change === 'added' || event?.change === 'removed') &&
    typeof event.entityRef === 'string' &&
    /^(project|cluster):[^/]+\/.+$/.test(event.entityRef) &&
    typeof event.target === 'string' &&
    /^https?:\/\//.test(event.target)
  );
}
