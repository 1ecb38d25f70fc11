import { ConflictError } from '@backstage/errors';
import type { ProjectScope } from '@wombat/plugin-wombat-node';
import { readProjectStamps } from '@wombat/plugin-wombat-common';

/*
 * Where a Wombat project's stamp lives in GitLab: a group carries it in its
 * description, a project as one of its topics. Only the topics of a project
 * count, never its description, which the template's caller chooses.
 */

/** GitLab keeps a group's description in a column of 255 characters. */
const GROUP_DESCRIPTION_MAX_LENGTH = 255;

/** The project references a GitLab group's description names. */
export function groupStamps(group: { description?: string | null }) {
  return readProjectStamps(group.description ?? '');
}

/** The project references a GitLab project's topics name. */
export function projectStamps(project: { topics?: string[] | null }) {
  return readProjectStamps(project.topics ?? []);
}

function stampSentence(scope: ProjectScope) {
  return `Wombat project ${scope.ref} (${scope.stamp})`;
}

/** The description of a group Wombat creates for the project. */
export function newGroupDescription(scope: ProjectScope): string {
  const sentence = stampSentence(scope);
  // Two 63-character namespace and name parts do not fit the sentence.
  return sentence.length <= GROUP_DESCRIPTION_MAX_LENGTH
    ? sentence
    : scope.stamp;
}

/**
 * An adopted group's description with the stamp appended. A description
 * too long to take it is a ConflictError, found before anything is written.
 */
export function adoptedGroupDescription(
  group: { full_path: string; description?: string | null },
  scope: ProjectScope,
): string {
  const existing = (group.description ?? '').trimEnd();
  if (!existing) {
    return newGroupDescription(scope);
  }
  for (const addition of [stampSentence(scope), scope.stamp]) {
    const description = `${existing}\n\n${addition}`;
    if (description.length <= GROUP_DESCRIPTION_MAX_LENGTH) {
      return description;
    }
  }
  throw new ConflictError(
    `GitLab group ${group.full_path} cannot be adopted: its description is too long to take the Wombat stamp (GitLab allows ${GROUP_DESCRIPTION_MAX_LENGTH} characters); shorten it and run again`,
  );
}

/** A project's topics with the stamp added. */
export function topicsWithStamp(
  topics: readonly string[] | null | undefined,
  scope: ProjectScope,
): string[] {
  return [...(topics ?? []), scope.stamp];
}
