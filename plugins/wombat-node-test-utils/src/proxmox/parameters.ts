import { decodeSegment } from '../shared/routing';
import {
  matchEndpoint,
  type ApiMethodInfo,
  type ApiParameter,
} from './apidata';
import { checkProperty } from './schemaCheck';

/** Parameter values as the Perl API server sees them: strings, or a reference it refuses. */
export type ParameterValue = string | { reference: 'ARRAY' | 'HASH' };

/**
 * Turns a form or JSON body into Perl-style values: numbers become strings,
 * JSON booleans `1`/`0`, `null` means absent.
 */
export function normalizeParameters(
  raw: unknown,
): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return values;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) {
      continue;
    }
    if (typeof value === 'boolean') {
      values[key] = value ? '1' : '0';
    } else if (typeof value === 'object') {
      values[key] = { reference: Array.isArray(value) ? 'ARRAY' : 'HASH' };
    } else {
      values[key] = String(value);
    }
  }
  return values;
}

/** The schema of a parameter name, resolving indexed names such as `net0` to `net[n]`. */
export function parameterSchema(
  properties: Record<string, ApiParameter>,
  name: string,
): ApiParameter | undefined {
  if (properties[name]) {
    return properties[name];
  }
  const indexed = /^(.*?)(\d+)$/.exec(name);
  const schema = indexed && properties[`${indexed[1]}[n]`];
  if (!schema) {
    return undefined;
  }
  const highest = /\(n is 0 to (\d+)\)/.exec(schema.description ?? '');
  return highest && Number(indexed![2]) > Number(highest[1])
    ? undefined
    : schema;
}

/**
 * Checks parameters against one method of the schema, like
 * PVE::JSONSchema::validate before the handler runs: unknown names (the
 * schemas do not allow additional properties), missing required ones, and
 * each value. Returns the `errors` of a 400 answer, `{}` when valid.
 */
export function checkParameters(
  info: ApiMethodInfo,
  values: Record<string, ParameterValue>,
): Record<string, string> {
  const properties = info.parameters?.properties ?? {};
  const errors: Record<string, string> = {};
  for (const name of Object.keys(values)) {
    if (
      !parameterSchema(properties, name) &&
      info.parameters?.additionalProperties !== 1
    ) {
      errors[name] =
        'property is not defined in schema and the schema does not allow additional properties';
    }
  }
  for (const [name, schema] of Object.entries(properties)) {
    if (name.endsWith('[n]')) {
      continue;
    }
    checkValue(values[name], schema, name, errors);
  }
  for (const [name, value] of Object.entries(values)) {
    const schema = parameterSchema(properties, name);
    if (schema && !properties[name]) {
      checkValue(value, schema, name, errors);
    }
    if (schema?.requires && values[schema.requires] === undefined) {
      errors[
        schema.requires
      ] = `missing property - '${name}' requires this property`;
    }
  }
  return errors;
}

function checkValue(
  value: ParameterValue | undefined,
  schema: ApiParameter,
  name: string,
  errors: Record<string, string>,
): void {
  if (value !== undefined && typeof value !== 'string') {
    errors[name] = `type check ('${schema.type ?? 'string'}') failed - got ${
      value.reference
    }`;
    return;
  }
  checkProperty(value, schema, name, errors);
}

/**
 * Checks the parameters of a Proxmox VE request against the 9.1.3 API
 * schema: `path` is the raw path after `/api2/json` (its `{node}`, `{vmid}`…
 * are checked too) and `params` the query or body parameters, as a form or
 * JSON body carries them. Returns the `errors` object Proxmox would answer
 * with 400 `Parameter verification failed.`, or `{}` when valid.
 *
 * @public
 */
export function validateProxmoxParameters(
  method: string,
  path: string,
  params: Record<string, unknown> = {},
): Record<string, string> {
  const match = matchEndpoint(path.split('?')[0]);
  const info = match?.endpoint.methods[method.toUpperCase()];
  if (!match || !info) {
    return {
      _method: `no method ${method.toUpperCase()} ${path} in the Proxmox VE API schema`,
    };
  }
  const values = normalizeParameters(params);
  for (const [name, raw] of Object.entries(match.rawPathParams)) {
    values[name] = decodeSegment(raw) ?? raw;
  }
  return checkParameters(info, values);
}
