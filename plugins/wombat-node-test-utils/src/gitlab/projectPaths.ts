/**
 * GitLab's project path rule (Gitlab::PathRegex.project_path_format_regex)
 * and the message its validation renders.
 */
const PROJECT_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;

export const PROJECT_PATH_MESSAGE =
  "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'";

export function isValidProjectPath(path: string): boolean {
  return PROJECT_PATH.test(path) && !/\.(git|atom)$/i.test(path);
}

/**
 * A name used as path when no path is given, like Rails' `parameterize`:
 * lower case, runs of other characters turned into one '-'.
 */
export function pathFromName(name: string): string {
  if (isValidProjectPath(name)) {
    return name;
  }
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}
