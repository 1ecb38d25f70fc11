import { InputError } from '@backstage/errors';
import { ProjectScope } from '@wombat/plugin-wombat-node';
import { checkHarborName } from '../actions/inputErrors';

/**
 * The project's Harbor project: its system name. An input that names it
 * may be left out, and must not name any other.
 */
export function harborProjectName(
  scope: ProjectScope,
  given: string | undefined,
  field: string,
): string {
  const name = scope.systemName;
  if (given !== undefined && given !== name) {
    throw new InputError(
      `${field} "${given}" is not the Harbor project of ${scope.ref}: that is ${name} (the input may be left out)`,
    );
  }
  checkHarborName(`The Harbor project of ${scope.ref},`, name);
  return name;
}
