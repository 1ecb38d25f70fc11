import type { GitLabState } from './GitLabState';

/**
 * `topics` (and the older `tag_list`) are declared `Array[String]` with
 * GitLab's CommaSeparatedToArray coercion: a string is split on commas, and
 * so is every element of an array, so `["a,b"]` sets two topics.
 */
export function readTopicList(raw: unknown): string[] {
  let values: unknown[] = [];
  if (Array.isArray(raw)) {
    values = raw;
  } else if (typeof raw === 'string') {
    values = [raw];
  }
  return values.flatMap(value =>
    String(value)
      .split(',')
      .map(topic => topic.trim()),
  );
}

/**
 * The topics a project ends up with, as `Project#update_topics` stores them:
 * blanks dropped, duplicates once, and each name mapped to the instance's
 * topic of that name compared case-insensitively, so GitLab answers with the
 * spelling the topic was first created with, not necessarily the one sent.
 */
export function assignTopics(state: GitLabState, names: string[]): string[] {
  // GitLab keeps a topic after its last project drops it; the fake knows
  // only the topics projects still carry.
  const known = state.projects.flatMap(project => project.topics);
  const assigned: string[] = [];
  for (const name of names.filter(Boolean)) {
    const wanted = name.toLowerCase();
    if (assigned.some(topic => topic.toLowerCase() === wanted)) {
      continue;
    }
    assigned.push(known.find(topic => topic.toLowerCase() === wanted) ?? name);
  }
  return assigned;
}
