import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GitLabApi,
  OwnershipVerdict,
  ProjectScope,
} from '@wombat/plugin-wombat-node';
import { claimGroup } from './claims';
import { GitLabGroup, createUnlessRaced, findGroup } from './gitlabObjects';
import { ProjectPlan } from './ProjectPlan';
import { adoptedGroupDescription, newGroupDescription } from './stamps';
import { GroupLevel } from './surveyTarget';

async function useGroup(
  api: GitLabApi,
  group: GitLabGroup,
  verdict: OwnershipVerdict,
  scope: ProjectScope,
  logger: LoggerService,
): Promise<number> {
  if (verdict === 'adopt') {
    await api.Groups.edit(group.id, {
      description: adoptedGroupDescription(group, scope),
    });
    logger.info(
      `Adopted GitLab group ${group.full_path} into ${scope.ref}: its description now carries the stamp`,
      { group: group.full_path, project: scope.ref },
    );
  }
  return group.id;
}

/**
 * The id of the plan's group, creating the missing levels from the top
 * down. A new group carries the project's stamp in its description from
 * the request that creates it, and gets the project's visibility, since a
 * project cannot be more visible than its group. Existing levels were
 * claimed by the survey; an adopted one gets the stamp now.
 */
export async function ensureGroups(
  api: GitLabApi,
  levels: GroupLevel[],
  plan: ProjectPlan,
  scope: ProjectScope,
  logger: LoggerService,
): Promise<number> {
  let parentId: number | undefined;
  for (const level of levels) {
    if (level.existing) {
      parentId = await useGroup(
        api,
        level.existing.group,
        level.existing.verdict,
        scope,
        logger,
      );
      continue;
    }
    const parent = parentId;
    parentId = await createUnlessRaced(
      async () => {
        const created = await api.Groups.create(level.segment, level.segment, {
          ...(parent !== undefined ? { parentId: parent } : {}),
          visibility: plan.visibility,
          description: newGroupDescription(scope),
        });
        logger.info(`Created GitLab group ${level.path} for ${scope.ref}`, {
          group: level.path,
          project: scope.ref,
        });
        return created.id;
      },
      () => findGroup(api, level.path),
      raced =>
        useGroup(
          api,
          raced,
          claimGroup(scope, raced, plan.adopt),
          scope,
          logger,
        ),
    );
  }
  return parentId!;
}
