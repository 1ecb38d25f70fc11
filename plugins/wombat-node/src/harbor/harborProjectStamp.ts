import { ConflictError } from '@backstage/errors';
import { readProjectStamps } from '@wombat/plugin-wombat-common';
import { ProjectScope } from '../actions';
import { HarborClient } from './HarborClient';
import { findProjectRobot } from './projectRobots';
import { requireProject } from './requireProject';
import { robotPermission } from './robotPermissions';
import { HarborProject } from './types';

/**
 * The robot that marks a Harbor project as a Wombat project's. Harbor
 * projects have no field for free text (their metadata keys are fixed), so
 * the stamp is the description of a disabled robot of this name, which
 * Wombat creates with the project and which can pull nothing while
 * disabled. `harbor:robot:create` refuses the name.
 *
 * @public
 */
export const HARBOR_STAMP_ROBOT = 'wombat';

function markerDescription(stamp: string) {
  return `Marks this Harbor project as a Wombat project's: ${stamp}. Disabled; it serves no one.`;
}

/**
 * The Wombat projects a Harbor project is stamped for (usually none or one).
 *
 * @public
 */
export async function readHarborProjectStamps(
  harbor: HarborClient,
  project: { id: number; name: string },
): Promise<string[]> {
  const marker = await findProjectRobot(harbor, project, HARBOR_STAMP_ROBOT);
  return marker ? readProjectStamps(marker.description ?? '') : [];
}

/**
 * Stamps a Harbor project as the Wombat project's: creates the marker
 * robot and disables it (two requests: Harbor creates every robot
 * enabled), or completes a marker that is there, which is what a retry
 * after a failure between the two finds. The caller decides first that the
 * project may be stamped (`claimExisting`); a marker stamped for another
 * project is a ConflictError and stays as it is.
 *
 * @public
 */
export async function stampHarborProject(
  harbor: HarborClient,
  project: { id: number; name: string },
  stamp: string,
): Promise<void> {
  const description = markerDescription(stamp);
  const marker = await findProjectRobot(harbor, project, HARBOR_STAMP_ROBOT);
  if (marker) {
    const stamps = readProjectStamps(marker.description ?? '');
    const wanted = readProjectStamps(stamp);
    if (stamps.length > 0 && stamps.join(' ') !== wanted.join(' ')) {
      throw new ConflictError(
        `Harbor project ${project.name} is stamped for another Wombat project`,
      );
    }
    if (marker.description !== description || !marker.disable) {
      await harbor.updateRobot({ ...marker, description, disable: true });
    }
    return;
  }
  const permissions = [robotPermission(project.name, ['pull'])];
  // The secret is dropped at once: nobody ever signs in as the marker.
  const created = await harbor.createRobot({
    name: HARBOR_STAMP_ROBOT,
    description,
    level: 'project',
    duration: -1,
    permissions,
  });
  await harbor.updateRobot({
    id: created.id,
    name: created.name,
    description,
    level: 'project',
    duration: -1,
    disable: true,
    permissions,
  });
}

/**
 * The Harbor project, when it exists and is stamped for the scope's
 * project and no other. Robots, webhooks and pull secrets go only into
 * such a project. Otherwise an InputError (it does not exist) or a
 * ConflictError that never names another project.
 *
 * @public
 */
export async function requireStampedHarborProject(
  harbor: HarborClient,
  scope: ProjectScope,
  name: string,
): Promise<HarborProject> {
  const project = await requireProject(harbor, name);
  const stamps = await readHarborProjectStamps(harbor, {
    id: project.project_id,
    name,
  });
  if (stamps.length !== 1 || stamps[0] !== scope.ref) {
    throw new ConflictError(
      `Harbor project ${name} on instance ${harbor.name} is not stamped for ${scope.ref}; Wombat works only in Harbor projects that harbor:project:create made (or a platform admin adopted) for the project`,
    );
  }
  return project;
}
