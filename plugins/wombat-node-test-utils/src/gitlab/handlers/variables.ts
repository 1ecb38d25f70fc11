import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type { GitLabProject, GitLabVariable } from '../GitLabState';
import { paginatedJson } from '../pagination';
import {
  combinedErrors,
  missingParams,
  readBoolean,
  readEnum,
  readString,
} from '../params';
import { withProject } from '../projectRoutes';
import {
  gitlabJson,
  gitlabMessage,
  gitlabNoContent,
  gitlabNotFound,
  grapeError,
} from '../responses';
import { variableJson } from '../serializers';
import { decodeSegment } from '../../shared/routing';

const VARIABLE_TYPES = ['env_var', 'file'] as const;
const KEY_FORMAT = /^[A-Za-z0-9_]+$/;

/** Project CI/CD variables: list, show, create, update, delete. */
export const variableRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/variables',
    handle(context, { id }) {
      return withProject(context, id, project =>
        paginatedJson(context, project.variables, variableJson),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/variables/:key',
    handle(context, { id, key }) {
      return withProject(context, id, project =>
        withVariable(context, project, key, variable =>
          gitlabJson(variableJson(variable)),
        ),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:id/variables',
    handle(context, { id }) {
      return withProject(context, id, project =>
        createVariable(context, project),
      );
    },
  },
  {
    method: 'PUT',
    pattern: '/projects/:id/variables/:key',
    handle(context, { id, key }) {
      return withProject(context, id, project =>
        withVariable(context, project, key, variable =>
          updateVariable(context, variable),
        ),
      );
    },
  },
  {
    method: 'DELETE',
    pattern: '/projects/:id/variables/:key',
    handle(context, { id, key }) {
      return withProject(context, id, project =>
        withVariable(context, project, key, variable => {
          project.variables.splice(project.variables.indexOf(variable), 1);
          return gitlabNoContent();
        }),
      );
    },
  },
];

/**
 * Finds a variable by key and optional `filter[environment_scope]` (query,
 * or a `filter` object in the body as gitbeaker sends it for updates). When
 * the key exists in several scopes and no filter is given, GitLab refuses to
 * guess and answers 409.
 */
function withVariable(
  context: GitLabContext,
  project: GitLabProject,
  rawKey: string,
  handle: (variable: GitLabVariable) => Response,
): Response {
  const key = decodeSegment(rawKey);
  const scope = environmentScopeFilter(context);
  const matches = project.variables.filter(
    v =>
      v.key === key && (scope === undefined || v.environment_scope === scope),
  );
  if (matches.length === 0) {
    return gitlabNotFound('Variable');
  }
  if (matches.length > 1) {
    return gitlabMessage(
      409,
      "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'",
    );
  }
  return handle(matches[0]);
}

function environmentScopeFilter(context: GitLabContext): string | undefined {
  const fromQuery = context.request.query['filter[environment_scope]'];
  if (fromQuery !== undefined) {
    return fromQuery;
  }
  const filter = context.params.filter;
  if (filter && typeof filter === 'object') {
    const scope = (filter as Record<string, unknown>).environment_scope;
    return typeof scope === 'string' ? scope : undefined;
  }
  return undefined;
}

function createVariable(
  context: GitLabContext,
  project: GitLabProject,
): Response {
  const { params } = context;
  const missing = missingParams(params, ['key', 'value']);
  if (missing) {
    context.violation(`POST variables: ${missing}`);
    return grapeError(missing);
  }
  const fields = readVariableFields(context);
  if (fields.error) {
    return grapeError(fields.error);
  }
  const key = String(params.key);
  const keyError = validateKey(key);
  if (keyError) {
    context.violation(`POST variables: key '${key}' ${keyError}`);
    return gitlabMessage(400, { key: [keyError] });
  }
  const variable: GitLabVariable = {
    key,
    value: fields.value ?? '',
    variable_type: fields.variableType ?? 'env_var',
    protected: fields.protected ?? false,
    masked: (fields.masked ?? false) || (fields.maskedAndHidden ?? false),
    hidden: fields.maskedAndHidden ?? false,
    raw: fields.raw ?? false,
    environment_scope: fields.environmentScope ?? '*',
    description: fields.description ?? null,
  };
  if (
    project.variables.some(
      v => v.key === key && v.environment_scope === variable.environment_scope,
    )
  ) {
    return gitlabMessage(400, { key: [`(${key}) has already been taken`] });
  }
  if (variable.masked && !isMaskable(variable.value)) {
    context.violation(
      `POST variables: masked variable '${key}' needs a value of 8+ characters without whitespace`,
    );
    return gitlabMessage(400, { value: ['is invalid'] });
  }
  project.variables.push(variable);
  return gitlabJson(variableJson(variable), 201);
}

function updateVariable(
  context: GitLabContext,
  variable: GitLabVariable,
): Response {
  const fields = readVariableFields(context);
  if (fields.error) {
    return grapeError(fields.error);
  }
  const updated: GitLabVariable = {
    ...variable,
    value: fields.value ?? variable.value,
    variable_type: fields.variableType ?? variable.variable_type,
    protected: fields.protected ?? variable.protected,
    masked: fields.masked ?? variable.masked,
    raw: fields.raw ?? variable.raw,
    environment_scope: fields.environmentScope ?? variable.environment_scope,
    description: fields.description ?? variable.description,
  };
  if (updated.masked && !isMaskable(updated.value)) {
    context.violation(
      `PUT variables: masked variable '${variable.key}' needs a value of 8+ characters without whitespace`,
    );
    return gitlabMessage(400, { value: ['is invalid'] });
  }
  Object.assign(variable, updated);
  return gitlabJson(variableJson(variable));
}

function readVariableFields(context: GitLabContext) {
  const { params } = context;
  const value = readString(params, 'value');
  const variableType = readEnum(params, 'variable_type', VARIABLE_TYPES);
  const isProtected = readBoolean(params, 'protected');
  const masked = readBoolean(params, 'masked');
  const maskedAndHidden = readBoolean(params, 'masked_and_hidden');
  const raw = readBoolean(params, 'raw');
  const environmentScope = readString(params, 'environment_scope');
  const description = readString(params, 'description');
  const error = combinedErrors(
    value,
    variableType,
    isProtected,
    masked,
    maskedAndHidden,
    raw,
    environmentScope,
    description,
  );
  if (error) {
    context.violation(`${context.request.method} variables: ${error}`);
  }
  return {
    error,
    value: value.value,
    variableType: variableType.value,
    protected: isProtected.value,
    masked: masked.value,
    maskedAndHidden: maskedAndHidden.value,
    raw: raw.value,
    environmentScope: environmentScope.value,
    description: description.value,
  };
}

/** Ci::Variable validates the key's length and characters. */
function validateKey(key: string): string | undefined {
  if (key.length > 255) {
    return 'is too long (maximum is 255 characters)';
  }
  if (!KEY_FORMAT.test(key)) {
    return "can contain only letters, digits and '_'.";
  }
  return undefined;
}

/** A masked value must be one line of at least 8 characters, no spaces. */
function isMaskable(value: string): boolean {
  return value.length >= 8 && !/\s/.test(value);
}
