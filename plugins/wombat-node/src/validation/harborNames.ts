/*
 * Harbor's naming rules for projects and robot accounts
 * (src/pkg/project/manager.go, handler/robot.go).
 */

const HARBOR_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * Why `name` cannot be a Harbor project or robot name, or undefined.
 *
 * @public
 */
export function explainInvalidHarborName(name: string): string | undefined {
  if (name.length === 0) {
    return 'must not be empty';
  }
  if (name.length > 255) {
    return `must be at most 255 characters long, it has ${name.length}`;
  }
  if (!HARBOR_NAME.test(name)) {
    return 'must be lowercase letters and digits, separated by single ".", "_" or "-"';
  }
  return undefined;
}
