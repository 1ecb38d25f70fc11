import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type { GitLabDeployKey, GitLabProject } from '../GitLabState';
import { nextId } from '../GitLabState';
import { paginatedJson } from '../pagination';
import {
  combinedErrors,
  missingParams,
  readBoolean,
  readString,
} from '../params';
import { withProject } from '../projectRoutes';
import { gitlabJson, gitlabMessage, grapeError } from '../responses';
import { deployKeyJson } from '../serializers';
import { parseSshPublicKey } from '../sshPublicKey';

/** Deploy keys of a project: list and add. */
export const deployKeyRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/deploy_keys',
    handle(context, { id }) {
      return withProject(context, id, project =>
        paginatedJson(context, project.deployKeys, deployKeyJson),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:id/deploy_keys',
    handle(context, { id }) {
      return withProject(context, id, project =>
        addDeployKey(context, project),
      );
    },
  },
];

function addDeployKey(
  context: GitLabContext,
  project: GitLabProject,
): Response {
  const { params, state } = context;
  const missing = missingParams(params, ['key', 'title']);
  if (missing) {
    context.violation(`POST deploy_keys: ${missing}`);
    return grapeError(missing);
  }
  const key = readString(params, 'key');
  const title = readString(params, 'title');
  const canPush = readBoolean(params, 'can_push');
  const invalid = combinedErrors(key, title, canPush);
  if (invalid) {
    context.violation(`POST deploy_keys: ${invalid}`);
    return grapeError(invalid);
  }

  const parsed = parseSshPublicKey(key.value!);
  if (!parsed) {
    context.violation('POST deploy_keys: key is not an OpenSSH public key');
    return gitlabMessage(400, {
      key: ['is invalid'],
      fingerprint_sha256: ['cannot be generated'],
    });
  }
  if (
    project.deployKeys.some(
      existing => existing.fingerprint_sha256 === parsed.fingerprintSha256,
    )
  ) {
    return gitlabMessage(400, {
      'deploy_key.fingerprint_sha256': ['has already been taken'],
    });
  }

  // A key already known on another project is enabled here, keeping its id
  // and title, like GitLab does for keys the user can access.
  const known = state.projects
    .flatMap(other => other.deployKeys)
    .find(existing => existing.fingerprint_sha256 === parsed.fingerprintSha256);
  const deployKey: GitLabDeployKey = {
    id: known?.id ?? nextId(state, 'deployKey'),
    title: known?.title ?? title.value!,
    key: known?.key ?? key.value!.trim(),
    can_push: canPush.value ?? false,
    created_at: known?.created_at ?? new Date().toISOString(),
    fingerprint: parsed.fingerprintMd5,
    fingerprint_sha256: parsed.fingerprintSha256,
  };
  project.deployKeys.push(deployKey);
  return gitlabJson(deployKeyJson(deployKey), 201);
}
