import { InputError } from '@backstage/errors';
import { HarborClient, HarborProject } from '@wombat/plugin-wombat-node';

/**
 * The project a robot or webhook is for. HEAD first: a GET of a missing
 * project is a 403 for users who are not system admins.
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
