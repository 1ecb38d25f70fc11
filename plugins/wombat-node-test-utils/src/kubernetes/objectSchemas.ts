import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { KINDS, type KubernetesKind } from './kinds';
import { DEFINITIONS_ID, QUANTITY_FORMAT, toJsonSchema } from './jsonSchema';
import { isQuantity } from './quantity';
import { definitionClosure, kubernetesDefinitions } from './swagger';

let ajv: Ajv | undefined;
const validators = new Map<KubernetesKind, ValidateFunction>();

/**
 * Compiles only the definitions the served kinds need (about thirty of the
 * swagger's 771), once, the first time a body is checked.
 */
function kubernetesAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat(QUANTITY_FORMAT, {
      type: 'string',
      validate: (value: string) => isQuantity(value),
    });
    const definitions = kubernetesDefinitions();
    const needed = definitionClosure(
      Object.values(KINDS).map(info => info.definition),
    );
    ajv.addSchema(
      {
        $id: DEFINITIONS_ID,
        definitions: Object.fromEntries(
          needed.map(name => [name, toJsonSchema(definitions[name], name)]),
        ),
      },
      DEFINITIONS_ID,
    );
  }
  return ajv;
}

/** The raw JSON Schema errors of a body for a kind. */
export function schemaErrors(
  kind: KubernetesKind,
  body: unknown,
): ErrorObject[] {
  let validate = validators.get(kind);
  if (!validate) {
    validate = kubernetesAjv().compile({
      $ref: `${DEFINITIONS_ID}#/definitions/${KINDS[kind].definition}`,
    });
    validators.set(kind, validate);
  }
  return validate(body) ? [] : [...(validate.errors ?? [])];
}
