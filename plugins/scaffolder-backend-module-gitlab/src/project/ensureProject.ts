import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GitLabApi } from '@wombat/plugin-wombat-node';
import { unlessMissing } from './lookups';
import { ProjectPlan, ProjectRecord } from './ProjectPlan';

type GitLabProject = {
  id: number;
  path_with_namespace: string;
  visibility: string;
  default_branch?: string | null;
  empty_repo?: boolean;
  web_url: string;
  http_url_to_repo: string;
  ssh_url_to_repo: string;
};

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

/** What makes an existing project unusable as the one the plan asks for. */
function differences(project: GitLabProject, plan: ProjectPlan): string[] {
  const found: string[] = [];
  if (project.visibility !== plan.visibility) {
    found.push(
      `its visibility is ${project.visibility}, the template asks for ${plan.visibility}`,
    );
  }
  if (
    !project.empty_repo &&
    project.default_branch &&
    project.default_branch !== plan.defaultBranch
  ) {
    found.push(
      `its default branch is ${project.default_branch}, the template asks for ${plan.defaultBranch}`,
    );
  }
  return found;
}

function adopt(
  project: GitLabProject,
  plan: ProjectPlan,
  logger: LoggerService,
) {
  const found = differences(project, plan);
  if (found.length > 0) {
    throw new ConflictError(
      `GitLab project ${
        plan.projectPath
      } already exists and differs: ${found.join('; ')}`,
    );
  }
  logger.info(`GitLab project ${plan.projectPath} exists; using it`, {
    project: plan.projectPath,
  });
  return record(project, false);
}

/** The project at that path, or undefined when there is none. */
export async function findProject(api: GitLabApi, projectPath: string) {
  return (await unlessMissing(api.Projects.show(projectPath))) as
    | GitLabProject
    | undefined;
}

/**
 * Adopts the project at the plan's path when it matches, or creates it.
 * Someone creating the same path in between is handled like an existing one.
 */
export async function ensureProject(
  api: GitLabApi,
  plan: ProjectPlan,
  namespaceId: number,
  logger: LoggerService,
): Promise<ProjectRecord> {
  const existing = await findProject(api, plan.projectPath);
  if (existing) {
    return adopt(existing, plan, logger);
  }
  try {
    const created = (await api.Projects.create({
      name: plan.name,
      path: plan.name,
      namespaceId,
      visibility: plan.visibility,
      defaultBranch: plan.defaultBranch,
      ...(plan.description ? { description: plan.description } : {}),
      ...(plan.topics.length ? { topics: plan.topics } : {}),
    })) as unknown as GitLabProject;
    logger.info(`Created GitLab project ${plan.projectPath}`, {
      project: plan.projectPath,
    });
    return record(created, true);
  } catch (error) {
    if (error instanceof ConflictError) {
      const raced = await findProject(api, plan.projectPath);
      if (raced) {
        return adopt(raced, plan, logger);
      }
    }
    throw error;
  }
}
