import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ProjectEntityV1alpha1,
  ProjectRole,
  ROLE_NEEDED,
  WombatRbac,
  hasProjectRole,
  isProjectEntity,
  mayActInProject,
  parseProjectRef,
  projectStamp,
  projectSystemName,
  readWombatRbac,
  resolveProjectAccess,
  stringifyProjectRef,
} from '@wombat/plugin-wombat-common';
import { TaskEntityReader } from './TaskEntityReader';

/**
 * Who started the task, and what they hold in the project.
 *
 * @public
 */
export interface ProjectRequester {
  /** The user's entity reference; undefined for a service. */
  userEntityRef?: string;
  /** Automation with a service token, which Backstage trusts like an admin. */
  isService: boolean;
  isAdmin: boolean;
  /** Whether they may start projects that do not exist yet (global developer). */
  mayStartProjects: boolean;
  /** The user's role in the project, if any. */
  role?: ProjectRole;
}

/**
 * The project an action works in, after the requester's role in it was
 * checked: everything the action creates, changes or adopts must stay
 * inside it.
 *
 * @public
 */
export interface ProjectScope {
  /** `project:<namespace>/<name>`, lowercase. */
  ref: string;
  namespace: string;
  name: string;
  /** The GitLab group path, Harbor project and Rancher project of the project. */
  systemName: string;
  /** What the systems carry to say a resource is this project's. */
  stamp: string;
  /** The Project entity; undefined for a project that does not exist yet. */
  entity?: ProjectEntityV1alpha1;
  /** True when the project is being created (it is not in the catalog yet). */
  isNew: boolean;
  requester: ProjectRequester;
}

/**
 * What an action is about to do: `create` (add to the project; developer),
 * `destroy` (remove from it; manager).
 *
 * @public
 */
export type ProjectGuardAct = 'create' | 'destroy';

/**
 * The server-side tenancy check every Wombat action makes before it touches
 * anything: the requester must hold the role the act needs in the project
 * named by the action's `project` input, as the catalog's Project says now
 * (not as a cached copy says). A project that is not in the catalog yet may
 * be started by global developers and admins, where the action allows it.
 *
 * @public
 */
export class ProjectGuard {
  static fromConfig(
    config: Config,
    options: {
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
    },
  ): ProjectGuard {
    return new ProjectGuard(readWombatRbac(config), options);
  }

  private readonly entities: TaskEntityReader;

  private constructor(
    private readonly rbac: WombatRbac,
    private readonly services: {
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
    },
  ) {
    this.entities = new TaskEntityReader(services.catalog, services.auth);
  }

  /**
   * An entity as the plugin sees it (its own credentials, not the
   * requester's), read once per task like the Project: for the other
   * entities an action bounds its inputs by, such as Clusters.
   */
  readEntity(ref: string, taskId?: string): Promise<Entity | undefined> {
    return this.entities.read(ref, taskId);
  }

  /**
   * Checks the requester's role for the act and returns the project's
   * scope. Throws an InputError for a malformed reference and a
   * NotAllowedError when the role is missing, before any request to an
   * external system.
   */
  async authorize(request: {
    credentials: BackstageCredentials;
    project: string;
    act: ProjectGuardAct;
    /** The action may be the first step of a project that does not exist yet. */
    allowNewProject?: boolean;
    /** The input that named the project, for messages; default `project`. */
    field?: string;
    /**
     * The task's id (`ctx.task.id`): the steps of one task then read the
     * Project once (see TaskEntityReader).
     */
    taskId?: string;
  }): Promise<ProjectScope> {
    const field = request.field ?? 'project';
    const parsed = parseProjectRef(request.project, field);
    const ref = stringifyProjectRef(parsed);
    const found = await this.entities.read(ref, request.taskId);
    if (found && !isProjectEntity(found)) {
      throw new InputError(`${field} ${ref} is not a Wombat Project`);
    }
    const entity = found as ProjectEntityV1alpha1 | undefined;
    const requester = await this.requester(request.credentials, entity);
    const who = requester.userEntityRef ?? 'The requester';

    if (!entity) {
      if (!request.allowNewProject) {
        throw new InputError(
          `${field} ${ref} is not in the catalog; this action works only in an existing project`,
        );
      }
      if (!requester.mayStartProjects) {
        throw new NotAllowedError(
          `${who} may not start the new project ${ref}: that needs the global developer role`,
        );
      }
    } else if (!requester.isAdmin) {
      const needed = ROLE_NEEDED[request.act];
      if (!hasProjectRole(requester.role, needed)) {
        throw new NotAllowedError(
          `${who} may not ${
            request.act === 'destroy' ? 'remove anything from' : 'add to'
          } ${ref}: that needs the ${needed} role in it${
            requester.role ? `, and they are ${requester.role}` : ''
          }`,
        );
      }
    }

    return {
      ref,
      namespace: parsed.namespace,
      name: parsed.name,
      systemName: projectSystemName(ref),
      stamp: projectStamp(ref),
      entity,
      isNew: !entity,
      requester,
    };
  }

  /**
   * Who the credentials belong to and their global standing, for acts that
   * concern no project (onboarding a cluster is for admins).
   */
  requesterOf(credentials: BackstageCredentials): Promise<ProjectRequester> {
    return this.requester(credentials, undefined);
  }

  private async requester(
    credentials: BackstageCredentials,
    project: ProjectEntityV1alpha1 | undefined,
  ): Promise<ProjectRequester> {
    const { principal } = credentials as BackstageCredentials<{
      type: string;
    }>;
    if (principal.type === 'service') {
      return { isService: true, isAdmin: true, mayStartProjects: true };
    }
    if (principal.type !== 'user') {
      throw new NotAllowedError(
        'The task was started by nobody Wombat can check: sign in to run it',
      );
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.services.userInfo.getUserInfo(credentials);
    const access = resolveProjectAccess({
      rbac: this.rbac,
      ownershipRefs: [userEntityRef, ...ownershipEntityRefs],
      project,
    });
    return {
      userEntityRef,
      isService: false,
      isAdmin: access.isAdmin,
      mayStartProjects: mayActInProject(access, 'startProject'),
      role: access.projectRole,
    };
  }
}
