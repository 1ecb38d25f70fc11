import type { ErrorObject } from 'ajv';
import { goFieldAt, goTypeOfDefinition, jsonKind } from './goFields';
import { QUANTITY_FORMAT } from './jsonSchema';
import { KINDS, type KubernetesKind } from './kinds';
import { schemaErrors } from './objectSchemas';
import { QUANTITY_FORMAT_MESSAGE } from './quantity';
import type { FieldError } from './fieldErrors';

/** What the API server makes of a request body before validating it. */
export interface DecodedBody {
  /**
   * Why the body cannot be decoded into the Go type (the API server answers
   * 400 BadRequest `<Kind> in version "v1" cannot be handled as a <Kind>: ...`).
   */
  decodeError?: string;
  /** Paths of fields the Go type does not have; they are dropped. */
  unknownFields: string[];
  /** The same fields as JSON pointer segments, to remove them. */
  unknownFieldSegments: string[][];
  /**
   * Swagger `required` properties that are missing (422 Invalid), for kinds
   * whose API server refuses them.
   */
  missingRequired: FieldError[];
  /** Every problem in words, for violations and `validateKubernetesObject`. */
  problems: string[];
}

/**
 * Checks a body against the swagger definition of its kind and words the
 * problems like the API server: type mismatches and malformed quantities,
 * base64 or times are decoding errors, unknown fields are dropped.
 */
export function decodeObject(kind: KubernetesKind, body: unknown): DecodedBody {
  const definition = KINDS[kind].definition;
  const result: DecodedBody = {
    unknownFields: [],
    unknownFieldSegments: [],
    missingRequired: [],
    problems: [],
  };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    result.decodeError = `json: cannot unmarshal ${jsonKind(
      body,
    )} into Go value of type ${goTypeOfDefinition(definition)}`;
    result.problems.push(result.decodeError);
    return result;
  }
  for (const error of schemaErrors(kind, body)) {
    const path = fieldPath(body, error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const field = [path, String(error.params.additionalProperty)]
        .filter(Boolean)
        .join('.');
      result.unknownFields.push(field);
      result.unknownFieldSegments.push([
        ...pointerSegments(error.instancePath),
        String(error.params.additionalProperty),
      ]);
      result.problems.push(`unknown field "${field}"`);
    } else if (error.keyword === 'required') {
      if (!KINDS[kind].swaggerRequired) {
        continue;
      }
      const field = [path, String(error.params.missingProperty)]
        .filter(Boolean)
        .join('.');
      result.missingRequired.push({ type: 'Required', field, detail: '' });
      result.problems.push(`${field}: Required value`);
    } else {
      const message = decodeMessage(definition, body, error);
      result.decodeError ??= message;
      result.problems.push(`${path || '(root)'}: ${message}`);
    }
  }
  return result;
}

function decodeMessage(
  definition: string,
  body: object,
  error: ErrorObject,
): string {
  const value = valueAt(body, error.instancePath);
  const field = goFieldAt(definition, error.instancePath);
  if (
    field.goType === 'resource.Quantity' ||
    error.params.format === QUANTITY_FORMAT
  ) {
    return QUANTITY_FORMAT_MESSAGE;
  }
  if (error.keyword === 'format' && error.params.format === 'byte') {
    return `illegal base64 data at input byte ${invalidBase64Offset(
      String(value),
    )}`;
  }
  if (error.keyword === 'format' && error.params.format === 'date-time') {
    return `parsing time ${JSON.stringify(
      value,
    )} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(
      value,
    )} as "2006"`;
  }
  const target = field.structName
    ? `Go struct field ${field.structName}.${field.jsonPath.join('.')}`
    : 'Go value';
  return `json: cannot unmarshal ${jsonKind(value)} into ${target} of type ${
    field.goType
  }`;
}

/** Index of the first byte Go's base64 decoder rejects. */
function invalidBase64Offset(text: string): number {
  const invalid = text.search(/[^A-Za-z0-9+/=]/);
  if (invalid >= 0) {
    return invalid;
  }
  const padding = text.indexOf('=');
  if (padding >= 0 && padding < text.length - 2) {
    return padding;
  }
  return text.length - (text.length % 4 === 0 ? 0 : text.length % 4);
}

function pointerSegments(instancePath: string): string[] {
  return instancePath
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `spec.limits[0].type`, the way apimachinery prints field paths. */
function fieldPath(root: unknown, instancePath: string): string {
  let value: any = root;
  let path = '';
  for (const segment of pointerSegments(instancePath)) {
    if (Array.isArray(value)) {
      path = `${path}[${segment}]`;
    } else {
      path = path ? `${path}.${segment}` : segment;
    }
    value = value?.[segment];
  }
  return path;
}

function valueAt(root: unknown, instancePath: string): unknown {
  let value: any = root;
  for (const segment of pointerSegments(instancePath)) {
    value = value?.[segment];
  }
  return value;
}
