import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogIngestionReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  PROJECT_KIND,
  wombatProjectTemplatePermission,
} from '@wombat/plugin-wombat-common';
import {
  ALLOW,
  Criteria,
  DENY,
  actionIn,
  anyOf,
  conditional,
  hasMember,
  inProjects,
  kindIs,
  ownedBy,
  specIs,
  taskCreatedBy,
  templateHasTag,
} from './conditions';
import { UserAccess } from './UserAccess';

/** Who is asking: their access, and the actions they may run. */
export interface Requester {
  access: UserAccess;
  /** The actions non-admins may run. */
  allowedActions: readonly string[];
}

type Decide = (requester: Requester, permission: Permission) => PolicyDecision;

const adminsOnly: Decide = ({ access }) => (access.isAdmin ? ALLOW : DENY);

/**
 * Who may start tasks: admins, global developers (who may start projects),
 * and developers and managers of any project (who run the golden paths of
 * their projects). What a task then does is checked by its actions, against
 * the project each of them names.
 */
function mayRunTasks(access: UserAccess): boolean {
  return (
    access.isAdmin ||
    access.isGlobalDeveloper ||
    access.projectsWith('developer').length > 0
  );
}

/**
 * Read: everything but private projects and what belongs to them, which only
 * their members (and admins) see, and Location entities, whose targets name
 * repositories. A private Project is shown to its owner and members by what
 * the catalog holds now (its spec.visibility, its ownedBy and
 * hasProjectMember relations), so a project that has just been created or
 * made private is hidden from others, and shown to its people, at once; the
 * entities that belong to it are hidden by the policy's list of private
 * projects.
 */
const entityRead: Decide = ({ access }) => {
  if (access.isAdmin) return ALLOW;
  const privateProjects: Criteria = {
    allOf: [
      kindIs([PROJECT_KIND]),
      specIs('visibility', 'private'),
      {
        not: anyOf([
          ownedBy(access.ownershipRefs),
          hasMember(access.ownershipRefs),
        ]),
      },
    ],
  };
  // What belongs to the private projects the user is not in; the Projects
  // themselves are decided above, by what the catalog holds now.
  const hidden = access.hiddenProjects();
  const theirParts: Criteria[] = hidden.length
    ? [{ allOf: [{ not: kindIs([PROJECT_KIND]) }, inProjects(hidden)] }]
    : [];
  return conditional('catalog', 'catalog-entity', {
    not: anyOf([privateProjects, ...theirParts, kindIs(['Location'])]),
  });
};

/** Refresh: members of the entity's project, and the entity's owners. */
const entityRefresh: Decide = ({ access }) => {
  if (access.isAdmin) return ALLOW;
  const projects = access.projectsWith('viewer');
  return conditional('catalog', 'catalog-entity', {
    anyOf: [
      ownedBy(access.ownershipRefs),
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

const taskCreate: Decide = ({ access }) => (mayRunTasks(access) ? ALLOW : DENY);

/**
 * Actions: the allow-list, for those who may run tasks. Wombat's actions
 * check the project themselves; the list keeps out the actions that would
 * act with an integration's token on any input.
 */
const actionExecute: Decide = ({ access, allowedActions }) => {
  if (access.isAdmin) return ALLOW;
  return mayRunTasks(access)
    ? conditional('scaffolder', 'scaffolder-action', actionIn(allowedActions))
    : DENY;
};

/**
 * A task's parameters, log and output are its creator's (and admins'): they
 * name private projects and their members, and a retry runs the task again
 * with the credentials of whoever retries it.
 */
const ownTasks: Decide = ({ access }) =>
  access.isAdmin
    ? ALLOW
    : conditional(
        'scaffolder',
        'scaffolder-task',
        taskCreatedBy([access.userEntityRef]),
      );

/**
 * Running templates for a project, which the project picker asks per
 * project: the projects in which the user is a developer or manager. A
 * global role grants no project. The condition names the Project kind too,
 * so the permission holds for the Project entities only.
 */
const projectTemplateRun: Decide = ({ access }) => {
  if (access.isAdmin) return ALLOW;
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

/**
 * Decisions by permission name. Every permission the installed plugins
 * register has a row (a test checks it against their permission metadata);
 * anything else falls to `fallback`, which is for admins.
 */
export const DECISIONS: ReadonlyMap<string, Decide> = new Map<string, Decide>([
  [catalogEntityReadPermission.name, entityRead],
  [catalogEntityRefreshPermission.name, entityRefresh],
  [catalogEntityDeletePermission.name, entityDelete],
  // Registering and validating read any file on an integration's host with
  // its token (a dry run returns what it read), and locations name
  // repositories: for admins. The golden paths register through
  // wombat:catalog:register, which checks the project itself.
  [catalogEntityCreatePermission.name, adminsOnly],
  [catalogEntityValidatePermission.name, adminsOnly],
  [catalogLocationReadPermission.name, adminsOnly],
  [catalogLocationCreatePermission.name, adminsOnly],
  [catalogLocationAnalyzePermission.name, adminsOnly],
  [catalogLocationDeletePermission.name, adminsOnly],
  [catalogIngestionReadPermission.name, adminsOnly],
  [catalogIngestionManagePermission.name, adminsOnly],
  [taskCreatePermission.name, taskCreate],
  [actionExecutePermission.name, actionExecute],
  [taskReadPermission.name, ownTasks],
  [taskCancelPermission.name, ownTasks],
  [wombatProjectTemplatePermission.name, projectTemplateRun],
  [templateParameterReadPermission.name, adminTaggedParts],
  [templateStepReadPermission.name, adminTaggedParts],
  // A dry run executes a template that the caller writes, with actions that
  // read files; the template editor is for the platform team.
  [templateDryRunPermission.name, adminsOnly],
  [templateManagementPermission.name, adminsOnly],
  // No Kubernetes backend is installed; should one be, its views of
  // private projects' namespaces stay closed until it gets rules of its own.
  ['kubernetes.proxy', adminsOnly],
  ['kubernetes.clusters.read', adminsOnly],
  ['kubernetes.resources.read', adminsOnly],
]);

/** A permission without a row: admins only, so a new plugin starts closed. */
export const fallback: Decide = adminsOnly;
