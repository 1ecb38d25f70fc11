/**
 * The scaffolder actions non-admins may run. Wombat's own actions check on
 * the server, with the task's initiator, that everything they touch belongs
 * to a project in which the initiator holds the role the act needs, so any
 * input is safe to let through to them. Of Backstage's built-in actions only
 * those the golden paths use and that act with the initiator's own
 * credentials, or only inside the task's workspace, are listed. Actions that
 * act with an integration's token on whatever their input names (such as
 * Backstage's `gitlab:*`, `publish:*` and `fetch:plain`) are for admins.
 */
export const ACTIONS_FOR_EVERYONE: readonly string[] = [
  'gitlab:project:create',
  'harbor:project:create',
  'harbor:robot:create',
  'harbor:webhook:create',
  'rancher:project:create',
  'rancher:namespace:create',
  'proxmox:vm:create',
  'proxmox:vm:destroy',
  'wombat:catalog:register',
  // Renders the template's own skeleton into the workspace.
  'fetch:template',
  // Reads an entity with the initiator's credentials.
  'catalog:fetch',
  'debug:log',
];
