import { HttpResponse } from 'msw';
import { randomUUID } from 'crypto';
import { decodeSegment } from '../shared/routing';
import { randomSuffix } from '../shared/randomSuffix';
import { rfc3339Seconds } from '../shared/timestamps';
import { decodeObject } from './decodeObject';
import { mergePatch } from './mergePatch';
import type { KubernetesApiContext } from './KubernetesApiContext';
import type { KindInfo } from './kinds';
import {
  STATE_LISTS,
  type KubernetesClusterState,
  type KubernetesNamespace,
} from './KubernetesState';
import { applyDefaults } from './objectDefaults';
import { objectContractProblems, objectValidationErrors } from './objectRules';
import {
  alreadyExists,
  badRequest,
  invalid,
  kubernetesStatus,
  notFound,
} from './status';

/**
 * List, read and create of any served kind, the way the API server's
 * generic registry handles them; the route files only map paths to these.
 */

/** A raw path segment, decoded. */
export function decoded(raw: string): string {
  return decodeSegment(raw) ?? raw;
}

function objectsOf(cluster: KubernetesClusterState, kind: KindInfo): any[] {
  return cluster[STATE_LISTS[kind.kind]];
}

/** `<Kind>List`; without a namespace, the objects of every namespace. */
export function listObjects(
  context: KubernetesApiContext,
  kind: KindInfo,
  namespace?: string,
): Response {
  const items = objectsOf(context.cluster, kind)
    .filter(
      object =>
        namespace === undefined || object.metadata.namespace === namespace,
    )
    .map(({ apiVersion: _apiVersion, kind: _kind, ...rest }) =>
      structuredClone(rest),
    );
  return HttpResponse.json({
    kind: `${kind.kind}List`,
    apiVersion: kind.apiVersion,
    metadata: { resourceVersion: context.nextResourceVersion() },
    items,
  });
}

export function readObject(
  context: KubernetesApiContext,
  kind: KindInfo,
  namespace: string | undefined,
  rawName: string,
): Response {
  const name = decoded(rawName);
  const object = objectsOf(context.cluster, kind).find(
    candidate =>
      candidate.metadata.name === name &&
      candidate.metadata.namespace === namespace,
  );
  return object
    ? HttpResponse.json(structuredClone(object))
    : notFound(kind.resource, name, kind.group);
}

/**
 * Create, in the API server's order: decode (400), default, validate (422),
 * admission (404 for a missing namespace, then webhooks), storage (409).
 */
export function createObject(
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
  if (sentVersion !== undefined && sentVersion !== kind.apiVersion) {
    const message = `the API version in the data (${sentVersion}) does not match the expected API version (${kind.apiVersion})`;
    return refuse(badRequest(message), message);
  }
  const sentKind = body?.kind;
  if (sentKind !== undefined && sentKind !== kind.kind) {
    return refuse(
      badRequest(wrongKindMessage(kind, sentKind)),
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
  object.apiVersion = kind.apiVersion;
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
  applyDefaults(kind.kind, object);

  const errors = [
    ...decodedBody.missingRequired,
    ...objectValidationErrors(kind.kind, object),
  ];
  if (errors.length > 0) {
    return refuse(
      invalid(kind.kind, name, errors, kind.group),
      `invalid ${kind.kind}: ${errors
        .map(error => `${error.field} ${error.type}`)
        .join(', ')}`,
    );
  }

  for (const problem of objectContractProblems(kind.kind, object)) {
    context.violation(`${where}: ${problem}`);
  }

  if (namespace !== undefined && !namespaceExists(context.cluster, namespace)) {
    return notFound('namespaces', namespace);
  }
  if (kind.kind === 'Namespace') {
    const refusal = context.admitNamespace?.(object);
    if (refusal) {
      return refusal;
    }
  }
  if (findObject(context.cluster, kind, namespace, name)) {
    return alreadyExists(kind.resource, name, kind.group);
  }

  const stored = storeObject(
    context.cluster,
    kind,
    object,
    context.nextResourceVersion,
  );
  const response = HttpResponse.json(structuredClone(stored), {
    status: 201,
    headers,
  });
  if (kind.kind === 'Namespace') {
    context.namespaceCreated?.(stored as KubernetesNamespace);
  }
  return response;
}

/** Patch types the API server accepts for built-in kinds. */
const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/**
 * The patch types the fake applies. For the string maps of `metadata`
 * (labels, annotations) a strategic merge patch is the same as a merge
 * patch; the fake serves both and nothing that needs patch directives.
 */
const MERGE_PATCH_TYPES = [
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

/** Fields of `metadata` the API server keeps on update (ValidateObjectMetaUpdate). */
const IMMUTABLE_METADATA = ['namespace', 'uid', 'creationTimestamp'] as const;

/**
 * Patch of a stored object, in the API server's order: media type (415),
 * lookup (404), apply the patch (400 when the result does not decode),
 * resourceVersion precondition (409), name and immutable metadata, the
 * kind's update strategy (a Namespace keeps its spec and status), validation
 * (422), admission, storage with a new resourceVersion (200).
 */
export function patchObject(
  context: KubernetesApiContext,
  kind: KindInfo,
  namespace: string | undefined,
  rawName: string,
): Response {
  const { request } = context;
  const name = decoded(rawName);
  const where = `${request.method} ${request.apiPath}`;
  const refuse = (response: Response, problem: string) => {
    context.violation(`${where}: ${problem}`);
    return response;
  };
  const contentType = (request.headers.get('content-type') ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (!PATCH_TYPES.includes(contentType)) {
    return refuse(
      kubernetesStatus(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(
          ', ',
        )}`,
      ),
      `Content-Type ${JSON.stringify(contentType)} is not a patch type`,
    );
  }
  if (!MERGE_PATCH_TYPES.includes(contentType)) {
    return refuse(
      kubernetesStatus(
        415,
        'UnsupportedMediaType',
        `the fake serves only ${MERGE_PATCH_TYPES.join(' and ')}`,
      ),
      `${contentType} is valid but not served by the fake`,
    );
  }
  if (request.bodyParseError) {
    return refuse(
      badRequest(`error decoding patch: ${request.bodyParseError}`),
      'body is not valid JSON',
    );
  }
  const stored = findObject(context.cluster, kind, namespace, name);
  if (!stored) {
    return notFound(kind.resource, name, kind.group);
  }
  const patch: any = request.body;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return refuse(
      badRequest('error decoding patch: the patch is not a JSON object'),
      'the patch is not a JSON object',
    );
  }
  const object: any = mergePatch(structuredClone(stored), patch);
  const decodedBody = decodeObject(kind.kind, object);
  if (decodedBody.decodeError) {
    return refuse(
      badRequest(decodedBody.decodeError),
      `the patched object does not match the swagger: ${decodedBody.problems.join(
        '; ',
      )}`,
    );
  }
  if (decodedBody.unknownFields.length > 0) {
    context.violation(
      `${where}: fields the API server drops: ${decodedBody.unknownFields.join(
        ', ',
      )}`,
    );
    for (const segments of decodedBody.unknownFieldSegments) {
      removeField(object, segments);
    }
  }
  const sentVersion = patch.metadata?.resourceVersion;
  if (
    sentVersion !== undefined &&
    sentVersion !== stored.metadata.resourceVersion
  ) {
    return kubernetesStatus(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(
        kind,
      )} ${JSON.stringify(
        name,
      )}: the object has been modified; please apply your changes to the latest version and try again`,
      { name, kind: kind.resource },
    );
  }
  object.metadata = object.metadata ?? {};
  if (object.metadata.name !== name) {
    const message = `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`;
    return refuse(badRequest(message), message);
  }
  const errors = [...objectValidationErrors(kind.kind, object)];
  for (const field of IMMUTABLE_METADATA) {
    if (object.metadata[field] !== stored.metadata[field]) {
      errors.push({
        type: 'Invalid',
        field: `metadata.${field}`,
        value: object.metadata[field],
        detail: 'field is immutable',
      });
    }
  }
  if (errors.length > 0) {
    return refuse(
      invalid(kind.kind, name, errors, kind.group),
      `invalid ${kind.kind}: ${errors
        .map(error => `${error.field} ${error.type}`)
        .join(', ')}`,
    );
  }
  if (kind.kind === 'Namespace') {
    // The namespace strategy's PrepareForUpdate: spec and status change only
    // through /finalize and /status.
    object.spec = stored.spec;
    object.status = stored.status;
    object.metadata.labels = {
      ...object.metadata.labels,
      'kubernetes.io/metadata.name': name,
    };
    const refusal = context.admitNamespaceUpdate?.(object, stored);
    if (refusal) {
      return refusal;
    }
  }
  const previous = structuredClone(stored);
  for (const key of Object.keys(stored)) {
    delete stored[key];
  }
  Object.assign(stored, object, {
    metadata: {
      ...object.metadata,
      resourceVersion: context.nextResourceVersion(),
    },
  });
  const response = HttpResponse.json(structuredClone(stored));
  if (kind.kind === 'Namespace') {
    context.namespaceUpdated?.(stored as KubernetesNamespace, previous);
  }
  return response;
}

function qualifiedResource(kind: KindInfo): string {
  return kind.group ? `${kind.resource}.${kind.group}` : kind.resource;
}

/**
 * `Secret in version "v1" cannot be handled as a Namespace: ...`. A core
 * kind decodes and then fails to convert; another group has no such kind
 * registered at all.
 */
function wrongKindMessage(kind: KindInfo, sentKind: string): string {
  const reason = kind.group
    ? `no kind ${JSON.stringify(
        sentKind,
      )} is registered for version ${JSON.stringify(
        kind.apiVersion,
      )} in scheme "pkg/api/legacyscheme/scheme.go:30"`
    : `converting (v1.${sentKind}) to (core.${kind.kind}): unknown conversion`;
  return `${sentKind} in version "v1" cannot be handled as a ${kind.kind}: ${reason}`;
}

export function namespaceExists(
  cluster: KubernetesClusterState,
  name: string,
): boolean {
  return cluster.namespaces.some(namespace => namespace.metadata.name === name);
}

/** The stored object of that kind, namespace and name. */
export function findObject(
  cluster: KubernetesClusterState,
  kind: KindInfo,
  namespace: string | undefined,
  name: string,
): any | undefined {
  return objectsOf(cluster, kind).find(
    existing =>
      existing.metadata.name === name &&
      existing.metadata.namespace === namespace,
  );
}

/**
 * Stores a validated object with what the API server sets on create; also
 * used by controllers of the server in front, which create objects without
 * going through HTTP.
 */
export function storeObject(
  cluster: KubernetesClusterState,
  kind: KindInfo,
  object: any,
  nextResourceVersion: () => string,
): any {
  const stored = completeObject(kind, object, nextResourceVersion);
  objectsOf(cluster, kind).push(stored);
  return stored;
}

/** Adds what the API server sets on create, and applies its defaults. */
function completeObject(
  kind: KindInfo,
  object: any,
  nextResourceVersion: () => string,
): any {
  object.metadata.uid = randomUUID();
  object.metadata.resourceVersion = nextResourceVersion();
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
    case 'RoleBinding':
      // `subjects` is `omitempty`: an empty list is not stored.
      if (!object.subjects?.length) {
        delete object.subjects;
      }
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
