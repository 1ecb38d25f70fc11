import { ConflictError } from '@backstage/errors';
import {
  GitLabApi,
  OwnershipVerdict,
  ProjectScope,
} from '@wombat/plugin-wombat-node';
import { claimGroup, claimProject } from './claims';
import {
  GitLabGroup,
  GitLabProject,
  findGroup,
  findProject,
} from './gitlabObjects';
import { unlessMissing } from './lookups';
import { ProjectPlan } from './ProjectPlan';

/** One level of the group path, from the project's group down. */
export interface GroupLevel {
  /** Full path of the level, e.g. `payments/backend`. */
  path: string;
  /** Its own segment, e.g. `backend`. */
  segment: string;
  /** The group, when it exists, and what the project may do with it. */
  existing?: { group: GitLabGroup; verdict: OwnershipVerdict };
}

/** What exists of the plan's target, and what the project may do with it. */
export interface TargetSurvey {
  groups: GroupLevel[];
  project?: { project: GitLabProject; verdict: OwnershipVerdict };
}

/*
 * A project's group must be a group: a user's personal namespace of that
 * name would take the path, and GitLab would refuse to create the group.
 */
async function requireNoUserNamespace(api: GitLabApi, path: string) {
  const namespace = (await unlessMissing(api.Namespaces.show(path))) as
    | { kind?: string }
    | undefined;
  if (namespace) {
    throw new ConflictError(
      `GitLab namespace ${path} is not a group (it is a ${
        namespace.kind ?? 'other'
      } namespace), so it cannot be the project's group`,
    );
  }
}

/**
 * Reads every level of the group path and the project, and decides for
 * each that exists whether the project may use it (claimExisting). Only
 * reads: a group or project of another Wombat project, or one nobody
 * adopted, fails here, before anything is written.
 */
export async function surveyTarget(
  api: GitLabApi,
  plan: ProjectPlan,
  scope: ProjectScope,
): Promise<TargetSurvey> {
  const segments = plan.groupPath.split('/');
  const groups: GroupLevel[] = [];
  let allExist = true;
  for (let depth = 1; depth <= segments.length; depth++) {
    const path = segments.slice(0, depth).join('/');
    const level: GroupLevel = { path, segment: segments[depth - 1] };
    groups.push(level);
    if (!allExist) {
      // Nothing exists below a missing group.
      continue;
    }
    const group = await findGroup(api, path);
    if (group) {
      level.existing = {
        group,
        verdict: claimGroup(scope, group, plan.adopt),
      };
    } else {
      allExist = false;
      if (depth === 1) {
        await requireNoUserNamespace(api, path);
      }
    }
  }
  if (!allExist) {
    return { groups };
  }
  const project = await findProject(api, plan.projectPath);
  return project
    ? {
        groups,
        project: { project, verdict: claimProject(scope, project, plan) },
      }
    : { groups };
}
