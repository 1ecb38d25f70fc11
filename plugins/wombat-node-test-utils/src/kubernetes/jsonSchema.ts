import { DEFINITION_REF, type SwaggerSchema } from './swagger';

export const DEFINITIONS_ID = 'kubernetes-swagger-definitions';
export const QUANTITY_DEFINITION =
  'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const QUANTITY_FORMAT = 'kubernetes-quantity';

const NO_JSON_SCHEMA_MEANING = new Set([
  'description',
  'x-kubernetes-group-version-kind',
]);

/**
 * Turns swagger definitions into JSON Schema draft-07 that behaves like the
 * API server decoding a body:
 * - `$ref`s point into the shared definitions schema;
 * - `null` is accepted for every typed value, as Go leaves the field unset;
 * - objects that list their properties refuse others, so that unknown fields
 *   show up (the API server drops them and warns, or refuses them when asked
 *   for strict field validation);
 * - `Quantity` is a string or a number matching the quantity grammar, and
 *   `int-or-string` is an integer or a string.
 */
export function toJsonSchema(node: unknown, definitionName?: string): any {
  if (definitionName === QUANTITY_DEFINITION) {
    return { type: ['string', 'number', 'null'], format: QUANTITY_FORMAT };
  }
  if (Array.isArray(node)) {
    return node.map(item => toJsonSchema(item));
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const schema = node as SwaggerSchema;
  if (schema.format === 'int-or-string') {
    return { type: ['string', 'integer', 'null'] };
  }
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (NO_JSON_SCHEMA_MEANING.has(key)) {
      continue;
    }
    if (
      key === '$ref' &&
      typeof value === 'string' &&
      value.startsWith(DEFINITION_REF)
    ) {
      converted.$ref = `${DEFINITIONS_ID}#/definitions/${value.slice(
        DEFINITION_REF.length,
      )}`;
    } else if (key === 'type' && typeof value === 'string') {
      converted.type = [value, 'null'];
    } else if (key === 'properties') {
      converted.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(
          ([name, property]) => [name, toJsonSchema(property)],
        ),
      );
    } else {
      converted[key] = toJsonSchema(value);
    }
  }
  if (schema.properties && schema.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }
  return converted;
}
