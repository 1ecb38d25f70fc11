import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { HarborClient } from '@wombat/plugin-wombat-node';

/**
 * Adopts the project when it exists with the same visibility, or creates it.
 * The storage limit of an existing project is left as it is: quotas are
 * often raised by hand, and lowering one would be a surprise.
 */
export async function ensureHarborProject(
  client: HarborClient,
  request: { name: string; public: boolean; storageLimit?: number },
  logger: LoggerService,
): Promise<{ id: number; created: boolean }> {
  const adopt = async () => {
    const project = await client.getProject(request.name);
    if (!project) {
      return undefined;
    }
    const isPublic = project.metadata?.public === 'true';
    if (isPublic !== request.public) {
      throw new ConflictError(
        `Harbor project ${request.name} already exists and is ${
          isPublic ? 'public' : 'private'
        }; the template asks for it ${request.public ? 'public' : 'private'}`,
      );
    }
    logger.info(`Harbor project ${request.name} exists; using it`, {
      project: request.name,
      instance: client.name,
    });
    return { id: project.project_id, created: false };
  };

  if (await client.projectExists(request.name)) {
    return (await adopt())!;
  }
  try {
    const id = await client.createProject({
      project_name: request.name,
      metadata: { public: request.public ? 'true' : 'false' },
      ...(request.storageLimit !== undefined
        ? { storage_limit: request.storageLimit }
        : {}),
    });
    logger.info(`Created Harbor project ${request.name}`, {
      project: request.name,
      instance: client.name,
    });
    return { id, created: true };
  } catch (error) {
    // Created by someone else in between: treat it like an existing one.
    if (error instanceof ConflictError) {
      const adopted = await adopt();
      if (adopted) return adopted;
    }
    throw error;
  }
}
