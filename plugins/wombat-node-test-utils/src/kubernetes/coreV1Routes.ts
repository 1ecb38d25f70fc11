import { HttpResponse } from 'msw';
import { decodeSegment } from '../shared/routing';
import { randomSuffix } from '../shared/randomSuffix';
import { rfc3339Seconds } from '../shared/timestamps';
import { randomUUID } from 'crypto';
import { decodeObject } from './decodeObject';
import type {
  KubernetesApiContext,
  KubernetesRoute,
} from './KubernetesApiContext';
import { KINDS, kindOfResource, type KindInfo } from './kinds';
import { STATE_LISTS, type KubernetesNamespace } from './KubernetesState';
import { objectContractProblems, objectValidationErrors } from './objectRules';
import {
  alreadyExists,
  badRequest,
  invalid,
  notFound,
  unknownPath,
} from './status';

/**
 * The core/v1 endpoints the fake serves: namespaces, and resource quotas,
 * limit ranges and secrets inside a namespace (create, read, list).
 */
export const coreV1Routes: KubernetesRoute[] = [
  {
    method: 'GET',
    pattern: '/api/v1/namespaces',
    handle: context => listObjects(context, KINDS.Namespace),
  },
  {
    method: 'POST',
    pattern: '/api/v1/namespaces',
    handle: context => createObject(context, KINDS.Namespace),
  },
  {
    method: 'GET',
    pattern: '/api/v1/namespaces/:name',
    handle: (context, { name }) =>
      readObject(context, KINDS.Namespace, undefined, name),
  },
  {
    method: 'GET',
    pattern: '/api/v1/namespaces/:namespace/:resource',
    handle: (context, { namespace, resource }) =>
      withNamespacedKind(resource, kind =>
        listObjects(context, kind, decoded(namespace)),
      ),
  },
  {
    method: 'POST',
    pattern: '/api/v1/namespaces/:namespace/:resource',
    handle: (context, { namespace, resource }) =>
      withNamespacedKind(resource, kind =>
        createObject(context, kind, decoded(namespace)),
      ),
  },
  {
    method: 'GET',
    pattern: '/api/v1/namespaces/:namespace/:resource/:name',
    handle: (context, { namespace, resource, name }) =>
      withNamespacedKind(resource, kind =>
        readObject(context, kind, decoded(namespace), name),
      ),
  },
];

function decoded(raw: string): string {
  return decodeSegment(raw) ?? raw;
}

function withNamespacedKind(
  resource: string,
  handle: (kind: KindInfo) => Response,
): Response {
  const kind = kindOfResource(resource);
  return kind?.namespaced ? handle(kind) : unknownPath();
}

function objectsOf(context: KubernetesApiContext, kind: KindInfo): any[] {
  return context.cluster[STATE_LISTS[kind.kind]];
}

function listObjects(
  context: KubernetesApiContext,
  kind: KindInfo,
  namespace?: string,
): Response {
  const items = objectsOf(context, kind)
    .filter(
      object =>
        namespace === undefined || object.metadata.namespace === namespace,
    )
    .map(({ apiVersion: _apiVersion, kind: _kind, ...rest }) =>
      structuredClone(rest),
    );
  return HttpResponse.json({
    kind: `${kind.kind}List`,
    apiVersion: 'v1',
    metadata: { resourceVersion: context.nextResourceVersion() },
    items,
  });
}

function readObject(
  context: KubernetesApiContext,
  kind: KindInfo,
  namespace: string | undefined,
  rawName: string,
): Response {
  const name = decoded(rawName);
  const object = objectsOf(context, kind).find(
    candidate =>
      candidate.metadata.name === name &&
      candidate.metadata.namespace === namespace,
  );
  return object
    ? HttpResponse.json(structuredClone(object))
    : notFound(kind.resource, name);
}

/**
 * Create, in the API server's order: decode (400), validate (422),
 * admission (404 for a missing namespace, then webhooks), storage (409).
 */
function createObject(
  context: KubernetesApiContext,
  kind: KindInfo,
  namespace?: string,
): Response {
  const { request } = context;
  const where = `${request.method} ${request.apiPath}`;
  const refuse = (response: Response, problem: string) => {
    context.violation(`${where}: ${problem}`);
    return response;
  };
  if (request.bodyParseError) {
    const message = `couldn't get version/kind; json parse error: ${request.bodyParseError}`;
    return refuse(badRequest(message), 'body is not valid JSON');
  }
  const body: any = request.body;
  const sentVersion = body?.apiVersion;
  if (sentVersion !== undefined && sentVersion !== 'v1') {
    const message = `the API version in the data (${sentVersion}) does not match the expected API version (v1)`;
    return refuse(badRequest(message), message);
  }
  const sentKind = body?.kind;
  if (sentKind !== undefined && sentKind !== kind.kind) {
    const message = `${sentKind} in version "v1" cannot be handled as a ${kind.kind}: converting (v1.${sentKind}) to (core.${kind.kind}): unknown conversion`;
    return refuse(
      badRequest(message),
      `kind ${JSON.stringify(sentKind)} sent to the ${kind.resource} endpoint`,
    );
  }

  const decodedBody = decodeObject(kind.kind, body);
  if (decodedBody.decodeError) {
    const message = `${kind.kind} in version "v1" cannot be handled as a ${kind.kind}: ${decodedBody.decodeError}`;
    return refuse(
      badRequest(message),
      `body does not match the swagger: ${decodedBody.problems.join('; ')}`,
    );
  }
  const headers: Record<string, string> = {};
  if (decodedBody.unknownFields.length > 0) {
    if (request.query.fieldValidation === 'Strict') {
      const message = `strict decoding error: ${decodedBody.unknownFields
        .map(field => `unknown field ${JSON.stringify(field)}`)
        .join(', ')}`;
      return refuse(badRequest(message), message);
    }
    context.violation(
      `${where}: fields the API server drops: ${decodedBody.unknownFields.join(
        ', ',
      )}`,
    );
    headers.Warning = decodedBody.unknownFields
      .map(
        field =>
          `299 - ${JSON.stringify(`unknown field ${JSON.stringify(field)}`)}`,
      )
      .join(', ');
  }

  const object = structuredClone(body);
  for (const segments of decodedBody.unknownFieldSegments) {
    removeField(object, segments);
  }
  object.apiVersion = 'v1';
  object.kind = kind.kind;
  object.metadata = object.metadata ?? {};
  if (namespace !== undefined) {
    if (object.metadata.namespace && object.metadata.namespace !== namespace) {
      const message =
        'the namespace of the provided object does not match the namespace sent on the request';
      return refuse(badRequest(message), message);
    }
    object.metadata.namespace = namespace;
  } else {
    delete object.metadata.namespace;
  }
  if (!object.metadata.name && object.metadata.generateName) {
    object.metadata.name = `${object.metadata.generateName}${randomSuffix()}`;
  }
  const name: string = object.metadata.name ?? '';

  const errors = [
    ...decodedBody.missingRequired,
    ...objectValidationErrors(kind.kind, object),
  ];
  if (errors.length > 0) {
    return refuse(
      invalid(kind.kind, name, errors),
      `invalid ${kind.kind}: ${errors
        .map(error => `${error.field} ${error.type}`)
        .join(', ')}`,
    );
  }

  for (const problem of objectContractProblems(kind.kind, object)) {
    context.violation(`${where}: ${problem}`);
  }

  if (namespace !== undefined && !namespaceExists(context, namespace)) {
    return notFound('namespaces', namespace);
  }
  if (kind.kind === 'Namespace') {
    const refusal = context.admitNamespace?.(object);
    if (refusal) {
      return refusal;
    }
  }
  const list = objectsOf(context, kind);
  if (
    list.some(
      existing =>
        existing.metadata.name === name &&
        existing.metadata.namespace === namespace,
    )
  ) {
    return alreadyExists(kind.resource, name);
  }

  const stored = completeObject(context, kind, object);
  list.push(stored);
  const response = HttpResponse.json(structuredClone(stored), {
    status: 201,
    headers,
  });
  if (kind.kind === 'Namespace') {
    context.namespaceCreated?.(stored as KubernetesNamespace);
  }
  return response;
}

function namespaceExists(context: KubernetesApiContext, name: string): boolean {
  return context.cluster.namespaces.some(
    namespace => namespace.metadata.name === name,
  );
}

/** Adds what the API server sets on create, and applies its defaults. */
function completeObject(
  context: KubernetesApiContext,
  kind: KindInfo,
  object: any,
): any {
  object.metadata.uid = randomUUID();
  object.metadata.resourceVersion = context.nextResourceVersion();
  object.metadata.creationTimestamp = rfc3339Seconds();
  switch (kind.kind) {
    case 'Namespace':
      object.metadata.labels = {
        ...object.metadata.labels,
        'kubernetes.io/metadata.name': object.metadata.name,
      };
      object.spec = { finalizers: ['kubernetes'], ...object.spec };
      object.status = { phase: 'Active' };
      break;
    case 'Secret':
      object.type = object.type || 'Opaque';
      if (object.stringData) {
        object.data = { ...object.data };
        for (const [key, value] of Object.entries(object.stringData)) {
          object.data[key] = Buffer.from(String(value), 'utf8').toString(
            'base64',
          );
        }
        delete object.stringData;
      }
      break;
    case 'ResourceQuota':
      object.spec = {
        ...object.spec,
        hard: quantitiesAsStrings(object.spec?.hard),
      };
      object.status = {};
      break;
    case 'LimitRange':
      object.spec = object.spec ?? { limits: [] };
      object.spec.limits = (object.spec.limits ?? []).map((item: any) =>
        Object.fromEntries(
          Object.entries(item).map(([key, value]) => [
            key,
            key === 'type'
              ? value
              : quantitiesAsStrings(value as Record<string, unknown>),
          ]),
        ),
      );
      break;
    default:
  }
  return object;
}

/** Quantities sent as JSON numbers come back as strings. */
function quantitiesAsStrings(
  values: Record<string, unknown> | undefined,
): Record<string, string> | undefined {
  return values
    ? Object.fromEntries(
        Object.entries(values).map(([key, value]) => [
          key,
          String(value ?? '0'),
        ]),
      )
    : undefined;
}

function removeField(object: any, segments: string[]): void {
  let parent = object;
  for (const segment of segments.slice(0, -1)) {
    parent = parent?.[segment];
  }
  if (parent && typeof parent === 'object') {
    delete parent[segments[segments.length - 1]];
  }
}
