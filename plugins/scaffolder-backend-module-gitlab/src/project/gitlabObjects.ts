import { ConflictError } from '@backstage/errors';
import { GitLabApi } from '@wombat/plugin-wombat-node';
import { unlessMissing } from './lookups';

/** The fields of a GitLab group the action reads. */
export type GitLabGroup = {
  id: number;
  full_path: string;
  description?: string | null;
};

/** The fields of a GitLab project the action reads. */
export type GitLabProject = {
  id: number;
  path_with_namespace: string;
  visibility: string;
  default_branch?: string | null;
  empty_repo?: boolean;
  topics?: string[] | null;
  web_url: string;
  http_url_to_repo: string;
  ssh_url_to_repo: string;
};

/** The group at that full path, or undefined when there is none. */
export async function findGroup(
  api: GitLabApi,
  path: string,
): Promise<GitLabGroup | undefined> {
  return (await unlessMissing(api.Groups.show(path))) as
    | GitLabGroup
    | undefined;
}

/** The project at that path, or undefined when there is none. */
export async function findProject(
  api: GitLabApi,
  projectPath: string,
): Promise<GitLabProject | undefined> {
  return (await unlessMissing(api.Projects.show(projectPath))) as
    | GitLabProject
    | undefined;
}

/**
 * Runs `create`; when GitLab says the path is taken (someone created it in
 * between), runs `useExisting` with what is there now instead.
 */
export async function createUnlessRaced<T, E>(
  create: () => Promise<T>,
  findExisting: () => Promise<E | undefined>,
  useExisting: (existing: E) => Promise<T>,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof ConflictError) {
      const raced = await findExisting();
      if (raced) {
        return useExisting(raced);
      }
    }
    throw error;
  }
}
