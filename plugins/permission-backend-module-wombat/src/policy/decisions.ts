import {
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PROJECT_KIND,
  wombatProjectTemplatePermission,
} from '@wombat/plugin-wombat-common';
import {
  ALLOW,
  DENY,
  Criteria,
  actionIs,
  anyOf,
  conditional,
  inProjects,
  kindIs,
  ownedBy,
  projectInputIn,
  templateHasTag,
} from './conditions';
import { UserAccess } from './UserAccess';

/** Who is asking: their access, and their ownership references for conditions. */
export interface Requester {
  access: UserAccess;
  ownershipRefs: readonly string[];
}

type Decide = (requester: Requester, permission: Permission) => PolicyDecision;

const adminsOnly: Decide = ({ access }) => (access.isAdmin ? ALLOW : DENY);

const developersAndAdmins: Decide = ({ access }) =>
  access.isDeveloper ? ALLOW : DENY;

/**
 * Read: everything but private projects and what belongs to them, which only
 * their members (and admins) see. The catalog applies the condition as a
 * query, so hidden entities are never loaded for the user.
 */
const entityRead: Decide = ({ access }) => {
  if (access.isAdmin) return ALLOW;
  const hidden = access.hiddenProjects();
  return hidden.length === 0
    ? ALLOW
    : conditional('catalog', 'catalog-entity', { not: inProjects(hidden) });
};

/** Refresh: members of the entity's project, and the entity's owners. */
const entityRefresh: Decide = ({ access, ownershipRefs }) => {
  if (access.isAdmin) return ALLOW;
  const projects = access.projectsWith('viewer');
  return conditional('catalog', 'catalog-entity', {
    anyOf: [
      ownedBy(ownershipRefs),
      ...(projects.length ? [inProjects(projects)] : []),
    ],
  });
};

/** Delete: managers, for their own projects' entities. */
const entityDelete: Decide = ({ access }) => {
  if (access.isAdmin) return ALLOW;
  const managed = access.projectsWith('manager');
  return managed.length
    ? conditional('catalog', 'catalog-entity', inProjects(managed))
    : DENY;
};

/**
 * Actions: proxmox:vm:destroy for managers of the project named in the
 * action's `project` input; every other action for developers of that
 * project, or for global developers.
 */
const actionExecute: Decide = ({ access }) => {
  if (access.isAdmin) return ALLOW;
  const destroy = actionIs('proxmox:vm:destroy');
  const managed = projectInputIn(access.projectsWith('manager'));
  const developed = projectInputIn(access.projectsWith('developer'));
  const allowed: Criteria[] = [];
  if (managed.length) {
    allowed.push({ allOf: [destroy, anyOf(managed)] });
  }
  if (access.isDeveloper) {
    allowed.push({ not: destroy });
  } else if (developed.length) {
    allowed.push({ allOf: [{ not: destroy }, anyOf(developed)] });
  }
  return allowed.length
    ? conditional('scaffolder', 'scaffolder-action', anyOf(allowed))
    : DENY;
};

/**
 * Running templates for a project: global developers (and admins) for every
 * project; otherwise the projects in which the user is a developer or
 * manager. The condition names the Project kind too, so the permission
 * holds for the Project entities only, not for what they contain.
 */
const projectTemplateRun: Decide = ({ access }) => {
  if (access.isDeveloper) return ALLOW;
  const projects = access.projectsWith('developer');
  return projects.length
    ? conditional('catalog', 'catalog-entity', {
        allOf: [kindIs([PROJECT_KIND]), inProjects(projects)],
      })
    : DENY;
};

/** Template steps and parameters tagged `admin` are for admins only. */
const adminTaggedParts: Decide = ({ access }) =>
  access.isAdmin
    ? ALLOW
    : conditional('scaffolder', 'scaffolder-template', {
        not: templateHasTag('admin'),
      });

/** Decisions by permission name; everything else falls to `fallback`. */
export const DECISIONS: ReadonlyMap<string, Decide> = new Map<string, Decide>([
  ['catalog.entity.read', entityRead],
  ['catalog.entity.refresh', entityRefresh],
  ['catalog.entity.delete', entityDelete],
  ['catalog.location.delete', adminsOnly],
  ['catalog.location.create', developersAndAdmins],
  ['catalog.entity.create', developersAndAdmins],
  ['scaffolder.task.create', developersAndAdmins],
  ['scaffolder.action.execute', actionExecute],
  [wombatProjectTemplatePermission.name, projectTemplateRun],
  ['scaffolder.template.parameter.read', adminTaggedParts],
  ['scaffolder.template.step.read', adminTaggedParts],
  ['scaffolder.task.cancel', adminsOnly],
  ['kubernetes.proxy', adminsOnly],
  ['kubernetes.clusters.read', () => ALLOW],
  ['kubernetes.resources.read', () => ALLOW],
]);

/** Anything else: reading is allowed, the rest is for admins. */
export const fallback: Decide = ({ access }, permission) =>
  permission.attributes.action === 'read' || access.isAdmin ? ALLOW : DENY;
