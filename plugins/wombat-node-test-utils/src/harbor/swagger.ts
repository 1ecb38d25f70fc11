import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

/** The subset of a Swagger 2.0 document the Harbor fake reads. */
export interface SwaggerParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}

export interface SwaggerOperation {
  operationId?: string;
  parameters?: SwaggerParameter[];
}

export interface SwaggerDocument {
  basePath: string;
  paths: Record<string, Record<string, SwaggerOperation>>;
  parameters: Record<string, SwaggerParameter>;
  definitions: Record<string, Record<string, unknown>>;
}

/** An operation found for a request, with its body parameter resolved. */
export interface MatchedOperation {
  method: string;
  template: string;
  operation: SwaggerOperation;
  bodyParameter?: SwaggerParameter;
}

const PACKAGE_NAME = '@wombat/plugin-wombat-node-test-utils';
const SPEC_FILE = path.join('specs', 'harbor-v2.15.2-swagger.yaml');

let cachedDocument: SwaggerDocument | undefined;

/**
 * The unchanged Harbor v2.15.2 swagger, parsed once. It is found relative to
 * this package's root (what `resolvePackagePath` does in Backstage), which is
 * the same from the sources and from the bundled `dist`.
 */
export function harborSwagger(): SwaggerDocument {
  if (!cachedDocument) {
    const packageRoot = path.dirname(
      require.resolve(`${PACKAGE_NAME}/package.json`),
    );
    cachedDocument = parse(
      fs.readFileSync(path.join(packageRoot, SPEC_FILE), 'utf8'),
    ) as SwaggerDocument;
  }
  return cachedDocument;
}

/**
 * Finds the operation for a method and a raw API path (with or without the
 * `/api/v2.0` base path). A `{param}` matches one path segment; when several
 * templates match, the one with most literal segments wins, like go-swagger's
 * router prefers static routes.
 */
export function findSwaggerOperation(
  method: string,
  apiPath: string,
): MatchedOperation | undefined {
  const document = harborSwagger();
  const pathOnly = apiPath.split('?')[0];
  const relative = pathOnly.startsWith(document.basePath)
    ? pathOnly.slice(document.basePath.length)
    : pathOnly;
  const segments = relative.split('/');
  const verb = method.toLowerCase();

  let best: { template: string; literals: number } | undefined;
  for (const [template, item] of Object.entries(document.paths)) {
    if (!item[verb]) {
      continue;
    }
    const literals = matchTemplate(template.split('/'), segments);
    if (literals !== undefined && (!best || literals > best.literals)) {
      best = { template, literals };
    }
  }
  if (!best) {
    return undefined;
  }
  const operation = document.paths[best.template][verb];
  return {
    method: method.toUpperCase(),
    template: best.template,
    operation,
    bodyParameter: (operation.parameters ?? [])
      .map(parameter => resolveParameter(document, parameter))
      .find(parameter => parameter.in === 'body'),
  };
}

/** Number of literal segments when the template matches, else undefined. */
function matchTemplate(
  template: string[],
  actual: string[],
): number | undefined {
  if (template.length !== actual.length) {
    return undefined;
  }
  let literals = 0;
  for (let i = 0; i < template.length; i++) {
    if (/^\{[^}]+\}$/.test(template[i])) {
      if (actual[i] === '') {
        return undefined;
      }
    } else if (template[i] === actual[i]) {
      literals++;
    } else {
      return undefined;
    }
  }
  return literals;
}

function resolveParameter(
  document: SwaggerDocument,
  parameter: SwaggerParameter,
): SwaggerParameter {
  const prefix = '#/parameters/';
  return parameter.$ref?.startsWith(prefix)
    ? document.parameters[parameter.$ref.slice(prefix.length)]
    : parameter;
}
