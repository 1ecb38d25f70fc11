import { readProjectStamps } from '@wombat/plugin-wombat-common';
import { HarborClient } from './HarborClient';
import { findProjectRobot } from './projectRobots';
import { robotPermission } from './robotPermissions';

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
 * Stamps a Harbor project as the Wombat project's: creates the disabled
 * marker robot, unless it is there.
 *
 * @public
 */
export async function stampHarborProject(
  harbor: HarborClient,
  project: { id: number; name: string },
  stamp: string,
): Promise<void> {
  if (await findProjectRobot(harbor, project, HARBOR_STAMP_ROBOT)) {
    return;
  }
  await harbor.createRobot({
    name: HARBOR_STAMP_ROBOT,
    description: `Marks this Harbor project as a Wombat project's: ${stamp}. Disabled; it serves no one.`,
    level: 'project',
    duration: -1,
    disable: true,
    permissions: [robotPermission(project.name, ['pull'])],
  });
}
