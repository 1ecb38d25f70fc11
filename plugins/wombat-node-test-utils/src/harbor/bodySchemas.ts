import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { harborSwagger } from './swagger';

const DEFINITIONS_ID = 'harbor-swagger-definitions';
const DEFINITION_REF = '#/definitions/';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * An ajv validator for a swagger body schema, compiled once per operation.
 *
 * Swagger 2.0 schemas are read as JSON Schema draft-07 with two changes that
 * make them behave like the Go server decoding the body (encoding/json):
 * `$ref`s point into the swagger `definitions`, and `null` is accepted for
 * any typed value, since decoding null into a Go field leaves it unset
 * instead of failing.
 */
export function bodyValidator(
  operationKey: string,
  schema: Record<string, unknown>,
): ValidateFunction {
  let validate = compiled.get(operationKey);
  if (!validate) {
    validate = harborAjv().compile(toJsonSchema(schema));
    compiled.set(operationKey, validate);
  }
  return validate;
}

function harborAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // Go-specific swagger formats with no JSON Schema meaning.
    for (const format of ['int', 'int8', 'uint64', 'float64']) {
      ajv.addFormat(format, true);
    }
    ajv.addSchema(
      {
        $id: DEFINITIONS_ID,
        definitions: toJsonSchema(harborSwagger().definitions),
      },
      DEFINITIONS_ID,
    );
  }
  return ajv;
}

function toJsonSchema(node: unknown): any {
  if (Array.isArray(node)) {
    return node.map(toJsonSchema);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
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
    } else if (key === 'enum' && Array.isArray(value)) {
      converted.enum = [...value, null];
    } else {
      converted[key] = toJsonSchema(value);
    }
  }
  return converted;
}
