import type { ApiParameter } from './apidata';
import { namedFormat, splitList } from './formats';

/**
 * PVE::JSONSchema's checks of one value (check_prop): type, format, pattern,
 * lengths, range, enum, in that order, with its messages. Errors are
 * collected by path, like the `errors` of a 400 answer.
 */
export function checkProperty(
  value: string | undefined,
  schema: ApiParameter,
  path: string,
  errors: Record<string, string>,
): void {
  if (value === undefined) {
    if (!schema.optional && !schema.alias) {
      addError(errors, path, 'property is missing and it is not optional');
    }
    return;
  }
  const typeError = checkType(schema.type, value);
  if (typeError) {
    addError(errors, path, typeError);
    return;
  }
  if (schema.format) {
    const formatError = checkFormat(schema.format, value, path);
    if (formatError !== undefined) {
      addError(errors, path, `invalid format - ${formatError}`);
      return;
    }
  }
  if (schema.pattern && !new RegExp(`^(?:${schema.pattern})$`).test(value)) {
    addError(errors, path, 'value does not match the regex pattern');
    return;
  }
  if (
    schema.maxLength !== undefined &&
    value.length > Number(schema.maxLength)
  ) {
    addError(
      errors,
      path,
      `value may only be ${schema.maxLength} characters long`,
    );
    return;
  }
  if (
    schema.minLength !== undefined &&
    value.length < Number(schema.minLength)
  ) {
    addError(
      errors,
      path,
      `value must be at least ${schema.minLength} characters long`,
    );
    return;
  }
  if (isNumber(value)) {
    if (
      schema.maximum !== undefined &&
      Number(value) > Number(schema.maximum)
    ) {
      addError(
        errors,
        path,
        `value must have a maximum value of ${schema.maximum}`,
      );
      return;
    }
    if (
      schema.minimum !== undefined &&
      Number(value) < Number(schema.minimum)
    ) {
      addError(
        errors,
        path,
        `value must have a minimum value of ${schema.minimum}`,
      );
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) {
    addError(
      errors,
      path,
      `value '${value}' does not have a value in the enumeration '${schema.enum.join(
        ', ',
      )}'`,
    );
  }
}

function checkType(
  type: string | undefined,
  value: string,
): string | undefined {
  switch (type) {
    case 'boolean':
      return value === '0' || value === '1'
        ? undefined
        : `type check ('boolean') failed - got '${value}'`;
    case 'integer':
      return /^[+-]?\d+$/.test(value)
        ? undefined
        : `type check ('integer') failed - got '${value}'`;
    case 'number':
      return isNumber(value)
        ? undefined
        : `type check ('number') failed - got '${value}'`;
    default:
      return undefined;
  }
}

function isNumber(value: string): boolean {
  return /^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$/.test(value);
}

/**
 * check_format: a property string, a `-list` of a format, an optional
 * (`-opt`) format, or a named format. Returns what the verifier dies with.
 */
export function checkFormat(
  format: string | Record<string, ApiParameter>,
  value: string,
  path: string,
): string | undefined {
  if (typeof format !== 'string') {
    return parsePropertyString(format, value, path).error;
  }
  const list = /^(.*)-a?list$/.exec(format);
  if (list) {
    const verify = namedFormat(list[1]);
    if (typeof verify !== 'function') {
      return undefined;
    }
    for (const item of splitList(value)) {
      const problem = verify(item);
      if (problem) {
        return `${problem}\n`;
      }
    }
    return undefined;
  }
  const optional = /^(.*)-opt$/.exec(format);
  if (optional && value === '') {
    return undefined;
  }
  const known = namedFormat(optional ? optional[1] : format);
  if (typeof known === 'function') {
    const problem = known(value);
    return problem === undefined ? undefined : `${problem}\n`;
  }
  return known ? parsePropertyString(known, value, path).error : undefined;
}

/**
 * parse_property_string: `key=value` pairs separated by commas, a bare value
 * for the default key, `keyAlias` entries such as `virtio=<mac>` (model and
 * MAC address), then the checks of every sub-property. Unknown keys are
 * refused.
 */
export function parsePropertyString(
  format: Record<string, ApiParameter>,
  data: string,
  path: string,
): { values?: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  let defaultKey: string | undefined;
  for (const part of data.split(',')) {
    if (/^\s*$/.test(part)) {
      continue;
    }
    const pair = /^([^=]+)=(.+)$/.exec(part);
    if (pair) {
      let [, key] = pair;
      let item = pair[2];
      if (values[key] !== undefined) {
        return {
          error: `duplicate key in comma-separated list property: ${key}\n`,
        };
      }
      let schema = format[key];
      if (schema?.alias) {
        if (schema.keyAlias) {
          if (values[schema.keyAlias] !== undefined) {
            return {
              error: `key alias '${schema.keyAlias}' is already defined\n`,
            };
          }
          values[schema.keyAlias] = key;
        }
        key = schema.alias;
        schema = format[key];
      }
      if (!schema) {
        return {
          error: `invalid key in comma-separated list property: ${key}\n`,
        };
      }
      if (schema.type === 'boolean') {
        item = parseBoolean(item) ?? item;
      }
      values[key] = item;
    } else if (!part.includes('=')) {
      if (defaultKey) {
        return {
          error: `duplicate key in comma-separated list property: ${defaultKey}\n`,
        };
      }
      defaultKey = Object.keys(format).find(key => format[key].default_key);
      if (!defaultKey) {
        return {
          error:
            'value without key, but schema does not define a default key\n',
        };
      }
      if (values[defaultKey] !== undefined) {
        return {
          error: `duplicate key in comma-separated list property: ${defaultKey}\n`,
        };
      }
      values[defaultKey] = part;
    } else {
      return { error: 'missing key in comma-separated list property\n' };
    }
  }
  const errors: Record<string, string> = {};
  for (const [key, schema] of Object.entries(format)) {
    checkProperty(values[key], schema, `${path}.${key}`, errors);
  }
  if (Object.keys(errors).length > 0) {
    return {
      error: `format error\n${Object.entries(errors)
        .map(([key, message]) => `${key}: ${message}\n`)
        .join('')}`,
    };
  }
  return { values };
}

function parseBoolean(value: string): string | undefined {
  if (/^(1|on|yes|true)$/i.test(value)) {
    return '1';
  }
  if (/^(0|off|no|false)$/i.test(value)) {
    return '0';
  }
  return undefined;
}

function addError(
  errors: Record<string, string>,
  path: string,
  message: string,
): void {
  const key = path || '_root';
  errors[key] = errors[key] ? `${errors[key]}\n${message}` : message;
}
