import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  HarborClient,
  HarborProject,
  OwnershipVerdict,
  ProjectScope,
  claimExisting,
  readHarborProjectStamps,
  stampHarborProject,
} from '@wombat/plugin-wombat-node';

/** What the project's Harbor project is, as the task wants it. */
export interface HarborProjectRequest {
  name: string;
  public: boolean;
  storageLimit?: number;
}

/**
 * Whether an existing Harbor project may be used for the scope's project:
 * its stamp must name it, or an admin adopts an unstamped one. A project
 * that did not exist before this task and has no stamp yet is this task's
 * own, created by a run that failed before it could stamp it. Only then is
 * its visibility compared, so nothing about another project's Harbor
 * project is reported.
 */
export async function claimHarborProject(
  client: HarborClient,
  project: HarborProject,
  request: HarborProjectRequest,
  claim: { scope: ProjectScope; adopt?: boolean; existedBefore: boolean },
): Promise<OwnershipVerdict> {
  const stamps = await readHarborProjectStamps(client, {
    id: project.project_id,
    name: request.name,
  });
  const verdict =
    stamps.length === 0 && !claim.existedBefore
      ? 'own'
      : claimExisting(claim.scope, {
          what: `Harbor project ${request.name}`,
          stamps,
          adopt: claim.adopt,
        });
  const isPublic = project.metadata?.public === 'true';
  if (isPublic !== request.public) {
    throw new ConflictError(
      `Harbor project ${request.name} already exists and is ${
        isPublic ? 'public' : 'private'
      }; the template asks for it ${request.public ? 'public' : 'private'}`,
    );
  }
  return verdict;
}

/**
 * Creates the project's Harbor project and stamps it, or uses it when it is
 * the project's (see claimHarborProject) and completes its stamp. The
 * storage limit of an existing project is left as it is: quotas are often
 * raised by hand, and lowering one would be a surprise.
 */
export async function ensureHarborProject(
  client: HarborClient,
  request: HarborProjectRequest,
  claim: { scope: ProjectScope; adopt?: boolean; existedBefore: boolean },
  logger: LoggerService,
): Promise<{ id: number; created: boolean }> {
  const { scope } = claim;
  const meta = { project: request.name, instance: client.name };
  const useExisting = async (project: HarborProject) => {
    const verdict = await claimHarborProject(client, project, request, claim);
    await stampHarborProject(
      client,
      { id: project.project_id, name: request.name },
      scope.stamp,
    );
    logger.info(
      verdict === 'adopt'
        ? `Adopted Harbor project ${request.name} into ${scope.ref}`
        : `Harbor project ${request.name} is ${scope.ref}'s; using it`,
      meta,
    );
    return { id: project.project_id, created: !claim.existedBefore };
  };

  const existing = (await client.projectExists(request.name))
    ? await client.getProject(request.name)
    : undefined;
  if (existing) {
    return useExisting(existing);
  }
  let id: number;
  try {
    id = await client.createProject({
      project_name: request.name,
      metadata: { public: request.public ? 'true' : 'false' },
      ...(request.storageLimit !== undefined
        ? { storage_limit: request.storageLimit }
        : {}),
    });
  } catch (error) {
    // Created in between, by a retried request of ours or by someone else:
    // the claim decides.
    const found =
      error instanceof ConflictError
        ? await client.getProject(request.name)
        : undefined;
    if (found) {
      return useExisting(found);
    }
    throw error;
  }
  await stampHarborProject(client, { id, name: request.name }, scope.stamp);
  logger.info(`Created Harbor project ${request.name} for ${scope.ref}`, meta);
  return { id, created: true };
}
