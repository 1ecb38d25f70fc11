import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GitLabApi,
  OwnershipVerdict,
  ProjectScope,
} from '@wombat/plugin-wombat-node';
import { claimProject } from './claims';
import { GitLabProject, createUnlessRaced, findProject } from './gitlabObjects';
import { ProjectPlan, ProjectRecord } from './ProjectPlan';
import { topicsWithStamp } from './stamps';
import { TargetSurvey } from './surveyTarget';

function record(project: GitLabProject, created: boolean): ProjectRecord {
  return {
    id: project.id,
    created,
    pathWithNamespace: project.path_with_namespace,
    webUrl: project.web_url,
    httpUrl: project.http_url_to_repo,
    sshUrl: project.ssh_url_to_repo,
  };
}

async function useProject(
  api: GitLabApi,
  project: GitLabProject,
  verdict: OwnershipVerdict,
  scope: ProjectScope,
  logger: LoggerService,
): Promise<ProjectRecord> {
  const path = project.path_with_namespace;
  if (verdict === 'adopt') {
    await api.Projects.edit(project.id, {
      topics: topicsWithStamp(project.topics, scope),
    });
    logger.info(
      `Adopted GitLab project ${path} into ${scope.ref}: its topics now carry the stamp`,
      { project: path, wombatProject: scope.ref },
    );
  } else {
    logger.info(`GitLab project ${path} is ${scope.ref}'s; using it`, {
      project: path,
      wombatProject: scope.ref,
    });
  }
  return record(project, false);
}

/**
 * Uses the project the survey found and claimed, or creates it with the
 * stamp among its topics, in the same request, so that a task that dies
 * right after finds it as its own on the retry. Someone creating the same
 * path in between is handled like an existing project.
 */
export async function ensureProject(
  api: GitLabApi,
  plan: ProjectPlan,
  namespaceId: number,
  survey: TargetSurvey,
  scope: ProjectScope,
  logger: LoggerService,
): Promise<ProjectRecord> {
  if (survey.project) {
    return useProject(
      api,
      survey.project.project,
      survey.project.verdict,
      scope,
      logger,
    );
  }
  return createUnlessRaced(
    async () => {
      const created = (await api.Projects.create({
        name: plan.name,
        path: plan.name,
        namespaceId,
        visibility: plan.visibility,
        defaultBranch: plan.defaultBranch,
        ...(plan.description ? { description: plan.description } : {}),
        topics: topicsWithStamp(plan.topics, scope),
      })) as unknown as GitLabProject;
      logger.info(
        `Created GitLab project ${plan.projectPath} for ${scope.ref}`,
        { project: plan.projectPath, wombatProject: scope.ref },
      );
      return record(created, true);
    },
    () => findProject(api, plan.projectPath),
    raced =>
      useProject(api, raced, claimProject(scope, raced, plan), scope, logger),
  );
}
