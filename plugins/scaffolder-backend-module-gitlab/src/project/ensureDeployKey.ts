import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GitLabApi, isSameSshKey } from '@wombat/plugin-wombat-node';

/** Adds the deploy key, or accepts the same key with the same push right. */
export async function ensureDeployKey(
  api: GitLabApi,
  project: { id: number; path: string },
  deployKey: { title: string; key: string; canPush: boolean },
  logger: LoggerService,
): Promise<void> {
  const keys = (await api.DeployKeys.all({
    projectId: project.id,
    perPage: 100,
  })) as Array<{ title: string; key: string; can_push: boolean }>;
  const existing = keys.find(k => isSameSshKey(k.key, deployKey.key));
  if (existing) {
    if (existing.can_push !== deployKey.canPush) {
      throw new ConflictError(
        `Deploy key "${deployKey.title}" is already on ${project.path} ${
          existing.can_push ? 'with' : 'without'
        } push access; the template asks for it ${
          deployKey.canPush ? 'with' : 'without'
        }`,
      );
    }
    return;
  }
  await api.DeployKeys.create(project.id, deployKey.title, deployKey.key, {
    canPush: deployKey.canPush,
  });
  logger.info(`Added deploy key "${deployKey.title}" to ${project.path}`, {
    project: project.path,
  });
}
