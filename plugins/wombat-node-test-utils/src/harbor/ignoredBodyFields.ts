import { harborSwagger } from './swagger';

type Schema = Record<string, any>;

const DEFINITION_REF = '#/definitions/';

/**
 * Fields of a valid body that Harbor silently drops: properties the swagger
 * does not declare (Go's JSON decoder ignores them, so a typo such as
 * `metadata.pubilc` goes unnoticed) and `null` where the swagger does not mark
 * the field nullable (the field is then left at its zero value).
 */
export function ignoredBodyFields(
  schema: Schema,
  body: unknown,
  location: string,
): string[] {
  const resolved = resolve(schema);
  if (body === null) {
    return isNullable(schema) || isNullable(resolved)
      ? []
      : [`${location} is null, Harbor treats it as not set`];
  }
  if (Array.isArray(body) && resolved.items) {
    return body.flatMap((item, i) =>
      ignoredBodyFields(resolved.items, item, `${location}[${i}]`),
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [];
  }
  const properties: Schema | undefined = resolved.properties;
  const additional = resolved.additionalProperties;
  return Object.entries(body).flatMap(([key, value]) => {
    const path = `${location}.${key}`;
    if (properties?.[key]) {
      return ignoredBodyFields(properties[key], value, path);
    }
    if (additional && typeof additional === 'object') {
      return ignoredBodyFields(additional, value, path);
    }
    if (properties && additional === undefined) {
      return [`${path} is not in the swagger, Harbor ignores it`];
    }
    return [];
  });
}

function resolve(schema: Schema): Schema {
  let current = schema;
  while (
    typeof current.$ref === 'string' &&
    current.$ref.startsWith(DEFINITION_REF)
  ) {
    current =
      harborSwagger().definitions[current.$ref.slice(DEFINITION_REF.length)] ??
      {};
  }
  return current;
}

function isNullable(schema: Schema): boolean {
  return schema['x-nullable'] === true || schema['x-isnullable'] === true;
}
