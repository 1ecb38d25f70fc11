import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  getRepoSourceDirectory,
  initRepoAndPush,
} from '@backstage/plugin-scaffolder-node';
import { GitLabClient } from '@wombat/plugin-wombat-node';
import { findProject } from './gitlabObjects';

/**
 * Pushes a workspace folder as the first commit of an empty repository. A
 * repository that already has commits is left alone: a retried task must not
 * push on top of what it or someone else pushed before.
 */
export async function pushWorkspace(options: {
  client: GitLabClient;
  config: Config;
  projectPath: string;
  workspacePath: string;
  sourcePath: string;
  defaultBranch: string;
  logger: LoggerService;
}): Promise<{ pushed: boolean; commitHash?: string }> {
  const { client, config, projectPath, logger } = options;
  const project = await findProject(client.api, projectPath);
  if (!project) {
    throw new Error(
      `GitLab project ${projectPath} disappeared before the push`,
    );
  }
  if (project.empty_repo === false) {
    logger.info(
      `${projectPath} already has commits; not pushing the workspace`,
    );
    return { pushed: false };
  }
  const { commitHash } = await initRepoAndPush({
    dir: getRepoSourceDirectory(options.workspacePath, options.sourcePath),
    remoteUrl: project.http_url_to_repo,
    // GitLab accepts any user name with a token as the password.
    auth: { username: 'oauth2', password: client.token },
    logger,
    defaultBranch: options.defaultBranch,
    commitMessage:
      config.getOptionalString('scaffolder.defaultCommitMessage') ??
      'Initial commit',
    gitAuthorInfo: {
      name: config.getOptionalString('scaffolder.defaultAuthor.name'),
      email: config.getOptionalString('scaffolder.defaultAuthor.email'),
    },
  });
  logger.info(`Pushed the workspace to ${projectPath}`, { commitHash });
  return { pushed: true, commitHash };
}
