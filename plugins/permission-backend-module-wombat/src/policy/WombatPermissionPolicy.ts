import { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { ACTIONS_FOR_EVERYONE } from './allowedActions';
import { DENY } from './conditions';
import { DECISIONS, fallback } from './decisions';
import { ProjectDirectory } from './ProjectDirectory';
import { RateLimitedErrorLog } from './RateLimitedErrorLog';
import { RbacConfig } from './RbacConfig';
import { UserAccess } from './UserAccess';

/** Where the policy gets the current project directory from. */
export interface DirectorySource {
  /** The latest directory, or undefined until the first read and once it is stale. */
  current(): ProjectDirectory | undefined;
}

/**
 * Wombat's permission policy: admins may do everything; project managers,
 * developers and viewers get what their role in a project allows; private
 * projects are hidden from non-members. It fails closed: when anything goes
 * wrong, including project data not being loaded yet or being stale, the
 * answer is DENY.
 */
export class WombatPermissionPolicy implements PermissionPolicy {
  private readonly accessCache = new Map<string, UserAccess>();
  private cachedFor?: ProjectDirectory;
  private readonly errors: RateLimitedErrorLog;

  constructor(
    private readonly options: {
      config: RbacConfig;
      directory: DirectorySource;
      userInfo: UserInfoService;
      logger: LoggerService;
      /** The actions non-admins may run; default ACTIONS_FOR_EVERYONE. */
      allowedActions?: readonly string[];
    },
  ) {
    this.errors = new RateLimitedErrorLog(options.logger);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    try {
      if (!user) {
        // Services never get here (the framework lets them through); anyone
        // else without a user identity gets nothing.
        return DENY;
      }
      const directory = this.options.directory.current();
      if (!directory) {
        throw new Error(
          'project memberships have not been read from the catalog recently',
        );
      }
      // The permission backend has already read the user's info for this
      // request; reading it again would double the cost of a decision. The
      // service is the fallback for callers that do not pass it.
      const info =
        user.info?.ownershipEntityRefs && user.info.userEntityRef
          ? user.info
          : await this.options.userInfo.getUserInfo(user.credentials);
      const access = this.accessFor(
        info.userEntityRef,
        info.ownershipEntityRefs,
        directory,
      );
      // A decision depends only on the user's access and the permission, so
      // it is made once per user and directory.
      const name = request.permission.name;
      let decision = access.decisions.get(name);
      if (!decision) {
        const decide = DECISIONS.get(name) ?? fallback;
        decision = decide(
          {
            access,
            allowedActions: this.options.allowedActions ?? ACTIONS_FOR_EVERYONE,
          },
          request.permission,
        );
        access.decisions.set(name, decision);
      }
      return decision;
    } catch (error) {
      this.errors.error(
        `Permission policy denied a request: ${(error as Error).message}`,
      );
      return DENY;
    }
  }

  /** Roles are worked out once per user and directory. */
  private accessFor(
    userEntityRef: string,
    ownershipEntityRefs: readonly string[],
    directory: ProjectDirectory,
  ): UserAccess {
    if (this.cachedFor !== directory) {
      this.accessCache.clear();
      this.cachedFor = directory;
    }
    // Tokens list the user among their ownership refs; the key needs the
    // user only when they do not, and stays as short as it can otherwise,
    // since it is built and hashed for every decision.
    const joined = ownershipEntityRefs.join('|');
    const key = ownershipEntityRefs.includes(userEntityRef)
      ? joined
      : `${userEntityRef}|${joined}`;
    let access = this.accessCache.get(key);
    if (!access) {
      const refs = [
        ...new Set(
          [userEntityRef, ...ownershipEntityRefs].map(r =>
            r.toLocaleLowerCase('en-US'),
          ),
        ),
      ];
      access = new UserAccess(
        userEntityRef,
        refs,
        this.options.config,
        directory,
      );
      if (this.accessCache.size >= 10_000) this.accessCache.clear();
      this.accessCache.set(key, access);
    }
    return access;
  }
}
