import { readJsonSpec } from '../shared/packageFiles';

/** One parameter (or sub-property of a property string) in the API schema. */
export interface ApiParameter {
  type?: string;
  /** A format name (`pve-vmid`) or the sub-properties of a property string. */
  format?: string | Record<string, ApiParameter>;
  pattern?: string;
  optional?: number;
  minimum?: number | string;
  maximum?: number | string;
  enum?: string[];
  maxLength?: number;
  minLength?: number;
  description?: string;
  default_key?: number;
  alias?: string;
  keyAlias?: string;
  requires?: string;
  items?: ApiParameter;
  properties?: Record<string, ApiParameter>;
}

export interface ApiMethodInfo {
  method: string;
  name: string;
  parameters?: {
    additionalProperties?: number;
    properties?: Record<string, ApiParameter>;
  };
  returns?: ApiParameter;
}

interface ApiNode {
  path: string;
  info?: Record<string, ApiMethodInfo>;
  children?: ApiNode[];
}

/** An API path of the schema, e.g. `/nodes/{node}/qemu/{vmid}/config`. */
export interface ApiEndpoint {
  template: string;
  segments: string[];
  methods: Record<string, ApiMethodInfo>;
}

/** An endpoint found for a raw request path, with its raw path parameters. */
export interface MatchedEndpoint {
  endpoint: ApiEndpoint;
  rawPathParams: Record<string, string>;
}

const SPEC_FILE = 'proxmox-ve-9.1.3-apidata.json';
let cachedEndpoints: ApiEndpoint[] | undefined;

/**
 * Every path of the Proxmox VE 9.1.3 API schema (the API viewer's tree,
 * flattened), read once.
 */
export function proxmoxEndpoints(): ApiEndpoint[] {
  if (!cachedEndpoints) {
    const endpoints: ApiEndpoint[] = [];
    const visit = (nodes: ApiNode[]) => {
      for (const node of nodes) {
        endpoints.push({
          template: node.path,
          segments: node.path.split('/').slice(1),
          methods: node.info ?? {},
        });
        visit(node.children ?? []);
      }
    };
    visit(readJsonSpec<ApiNode[]>(SPEC_FILE));
    cachedEndpoints = endpoints;
  }
  return cachedEndpoints;
}

/**
 * Finds the schema path for a raw path after `/api2/json`. A `{param}`
 * matches one segment; when several paths match, the one with most literal
 * segments wins.
 */
export function matchEndpoint(rawPath: string): MatchedEndpoint | undefined {
  const actual = rawPath.replace(/\/+$/, '').split('/').slice(1);
  let best: (MatchedEndpoint & { literals: number }) | undefined;
  for (const endpoint of proxmoxEndpoints()) {
    if (endpoint.segments.length !== actual.length) {
      continue;
    }
    const rawPathParams: Record<string, string> = {};
    let literals = 0;
    const matches = endpoint.segments.every((segment, index) => {
      const parameter = /^\{(.+)\}$/.exec(segment);
      if (parameter) {
        rawPathParams[parameter[1]] = actual[index];
        return actual[index] !== '';
      }
      literals++;
      return segment === actual[index];
    });
    if (matches && (!best || literals > best.literals)) {
      best = { endpoint, rawPathParams, literals };
    }
  }
  return best && { endpoint: best.endpoint, rawPathParams: best.rawPathParams };
}

/** The schema of one method of a path template. */
export function apiMethod(
  template: string,
  method: string,
): ApiMethodInfo | undefined {
  return proxmoxEndpoints().find(endpoint => endpoint.template === template)
    ?.methods[method.toUpperCase()];
}
