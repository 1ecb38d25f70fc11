import {
  kubernetesDefinitions,
  referencedDefinition,
  type SwaggerSchema,
} from './swagger';

/**
 * Where a JSON value lands in the Go types, to word decoding errors the way
 * encoding/json does: `Go struct field ObjectMeta.metadata.name of type string`.
 */
export interface GoField {
  /** The Go struct that holds the field, e.g. `ObjectMeta`; absent for the root value. */
  structName?: string;
  /** JSON field names from the root, without map keys or list indexes. */
  jsonPath: string[];
  goType: string;
}

const PACKAGE_ALIASES: Array<[string, string]> = [
  ['io.k8s.apimachinery.pkg.api.resource.', 'resource'],
  ['io.k8s.apimachinery.pkg.util.intstr.', 'intstr'],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.', 'v1'],
  ['io.k8s.api.core.v1.', 'v1'],
  ['io.k8s.api.rbac.v1.', 'v1'],
];

/** The short Go type of a definition, e.g. `v1.ObjectMeta`. */
export function goTypeOfDefinition(name: string): string {
  const alias = PACKAGE_ALIASES.find(([prefix]) => name.startsWith(prefix));
  const short = name.slice(name.lastIndexOf('.') + 1);
  return alias ? `${alias[1]}.${short}` : short;
}

function goTypeOf(schema: SwaggerSchema | undefined): string {
  if (!schema) {
    return 'interface {}';
  }
  const reference = referencedDefinition(schema);
  if (reference) {
    return goTypeOfDefinition(reference);
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'byte' ? '[]uint8' : 'string';
    case 'integer':
      return schema.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${goTypeOf(schema.items)}`;
    case 'object':
      return schema.additionalProperties
        ? `map[string]${goTypeOf(schema.additionalProperties)}`
        : 'map[string]interface {}';
    default:
      return 'interface {}';
  }
}

/** Follows a JSON pointer (`/metadata/labels/app`) through the definitions. */
export function goFieldAt(
  rootDefinition: string,
  instancePath: string,
): GoField {
  const definitions = kubernetesDefinitions();
  const segments = instancePath
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  let schema: SwaggerSchema | undefined = {
    $ref: `#/definitions/${rootDefinition}`,
  };
  let currentStruct: string | undefined;
  let structName: string | undefined;
  const jsonPath: string[] = [];
  for (const segment of segments) {
    const reference: string | undefined =
      schema && referencedDefinition(schema);
    if (reference) {
      currentStruct = reference.slice(reference.lastIndexOf('.') + 1);
      schema = definitions[reference];
    }
    if (!schema) {
      break;
    }
    if (schema.properties?.[segment]) {
      structName = currentStruct;
      jsonPath.push(segment);
      schema = schema.properties[segment];
    } else if (schema.items) {
      schema = schema.items;
    } else if (schema.additionalProperties) {
      schema = schema.additionalProperties;
    } else {
      schema = undefined;
    }
  }
  return { structName, jsonPath, goType: goTypeOf(schema) };
}

/** The JSON kind Go names in `cannot unmarshal <kind>`. */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) {
    return 'array';
  }
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}
