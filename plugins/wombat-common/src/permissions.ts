import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Run golden-path templates for a project: the resource is the Project
 * entity (`project:default/payments`). The scaffolder's project picker asks
 * it for each project; Wombat's policy allows it for admins and global
 * developers, and otherwise for the projects in which the user is a
 * developer or manager.
 *
 * The action is `update`: running a template adds repositories, namespaces
 * and VMs to an existing project, so it changes the project. It is neither
 * `read`, which policies tend to allow to everyone, nor `create`, which
 * is about creating the resource itself.
 *
 * @public
 */
export const wombatProjectTemplatePermission = createPermission({
  name: 'wombat.project.template.run',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission Wombat defines.
 *
 * @public
 */
export const wombatPermissions = [wombatProjectTemplatePermission];
