import { InputError } from '@backstage/errors';
import { HarborClient } from './HarborClient';
import { HarborProject } from './types';

/**
 * The project a robot, webhook or pull secret is for, or an InputError
 * saying to create it first. HEAD first: a GET of a missing project is a 403
 * for users who are not system admins.
 *
 * @public
 */
export async function requireProject(
  client: HarborClient,
  name: string,
): Promise<HarborProject> {
  const project = (await client.projectExists(name))
    ? await client.getProject(name)
    : undefined;
  if (!project) {
    throw new InputError(
      `Harbor project ${name} does not exist on instance ${client.name}; create it first with harbor:project:create`,
    );
  }
  return project;
}
