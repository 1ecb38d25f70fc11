import type { ErrorObject } from 'ajv';
import { bodyValidator } from './bodySchemas';
import { findSwaggerOperation } from './swagger';

/**
 * Checks a request body against the Harbor v2.15.2 swagger: finds the
 * operation for `method` and `apiPath` (the path after `/api/v2.0`, which may
 * also be included), then validates `body` against the schema of its
 * `in: body` parameter. Returns the errors, or `[]` when the body is valid or
 * the operation takes no body.
 *
 * @public
 */
export function validateHarborRequest(
  method: string,
  apiPath: string,
  body: unknown,
): string[] {
  const match = findSwaggerOperation(method, apiPath);
  if (!match) {
    return [
      `no operation ${method.toUpperCase()} ${apiPath} in the Harbor swagger`,
    ];
  }
  const parameter = match.bodyParameter;
  if (!parameter?.schema) {
    return [];
  }
  if (body === undefined) {
    return parameter.required ? [`${parameter.name} in body is required`] : [];
  }
  const validate = bodyValidator(
    `${match.method} ${match.template}`,
    parameter.schema,
  );
  if (validate(body)) {
    return [];
  }
  return (validate.errors ?? []).map(error => describe(parameter.name, error));
}

function describe(parameterName: string, error: ErrorObject): string {
  const location = `${parameterName}${error.instancePath.replace(/\//g, '.')}`;
  if (error.keyword === 'type') {
    const expected = String(error.params.type)
      .split(',')
      .filter(type => type !== 'null')
      .join(' or ');
    return `${location} in body must be of type ${expected}`;
  }
  return `${location} in body ${error.message}`;
}
