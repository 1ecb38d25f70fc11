import { readJsonSpec } from '../shared/packageFiles';

/** A schema node of the Kubernetes swagger (Swagger 2.0 / JSON Schema subset). */
export type SwaggerSchema = Record<string, any>;

interface KubernetesSwagger {
  definitions: Record<string, SwaggerSchema>;
}

const SPEC_FILE = 'kubernetes-v1.35.0-swagger.json';
export const DEFINITION_REF = '#/definitions/';

let cachedDefinitions: Record<string, SwaggerSchema> | undefined;

/**
 * The definitions of the unchanged Kubernetes v1.35.0 swagger. The file is
 * 4 MB, so it is read only when a Kubernetes body is first validated, and
 * only once.
 */
export function kubernetesDefinitions(): Record<string, SwaggerSchema> {
  if (!cachedDefinitions) {
    cachedDefinitions = readJsonSpec<KubernetesSwagger>(SPEC_FILE).definitions;
  }
  return cachedDefinitions;
}

/** The definition name a `$ref` points to, e.g. `io.k8s.api.core.v1.Secret`. */
export function referencedDefinition(
  schema: SwaggerSchema,
): string | undefined {
  const ref = schema.$ref;
  return typeof ref === 'string' && ref.startsWith(DEFINITION_REF)
    ? ref.slice(DEFINITION_REF.length)
    : undefined;
}

/** The given definitions and every definition they reference, transitively. */
export function definitionClosure(roots: string[]): string[] {
  const definitions = kubernetesDefinitions();
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') {
      return;
    }
    const name = referencedDefinition(node as SwaggerSchema);
    if (name && !seen.has(name)) {
      seen.add(name);
      visit(definitions[name]);
    }
    Object.values(node).forEach(visit);
  };
  for (const root of roots) {
    seen.add(root);
    visit(definitions[root]);
  }
  return [...seen];
}
