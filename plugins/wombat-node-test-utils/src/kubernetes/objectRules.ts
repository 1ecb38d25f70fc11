import type { FieldError } from './fieldErrors';
import type { KubernetesKind } from './kinds';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  metadataMapErrors,
  pathSegmentNameProblems,
} from './names';
import { roleBindingErrors } from './roleBindingRules';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const DOCKER_CONFIG_JSON_TYPE = 'kubernetes.io/dockerconfigjson';
const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';

/**
 * The API server's validation (the 422 Invalid answers) of a decoded and
 * defaulted object: its name, label and annotation keys, Secret data keys
 * and the content Secret types require, a RoleBinding's role and subjects.
 */
export function objectValidationErrors(
  kind: KubernetesKind,
  object: any,
): FieldError[] {
  const metadata = object.metadata ?? {};
  const errors: FieldError[] = [];
  const name: string | undefined = metadata.name || undefined;
  if (!name) {
    errors.push({
      type: 'Required',
      field: 'metadata.name',
      detail: 'name or generateName is required',
    });
  } else {
    for (const detail of nameProblems(kind, name)) {
      errors.push({
        type: 'Invalid',
        field: 'metadata.name',
        value: name,
        detail,
      });
    }
  }
  errors.push(...metadataMapErrors(metadata));
  if (kind === 'Secret') {
    errors.push(...secretErrors(object));
  }
  if (kind === 'RoleBinding') {
    errors.push(...roleBindingErrors(object));
  }
  return errors;
}

/**
 * Namespaces are DNS-1123 labels, RBAC objects only need to be usable in a
 * URL path, everything else here is a DNS-1123 subdomain.
 */
function nameProblems(kind: KubernetesKind, name: string): string[] {
  switch (kind) {
    case 'Namespace':
      return dns1123LabelProblems(name);
    case 'RoleBinding':
      return pathSegmentNameProblems(name);
    default:
      return dns1123SubdomainProblems(name);
  }
}

function secretErrors(secret: any): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of [
    ...Object.keys(secret.data ?? {}),
    ...Object.keys(secret.stringData ?? {}),
  ]) {
    if (!CONFIG_KEY.test(key)) {
      errors.push({
        type: 'Invalid',
        field: `data[${key}]`,
        value: key,
        detail: CONFIG_KEY_MESSAGE,
      });
    }
  }
  if (secret.type === DOCKER_CONFIG_JSON_TYPE) {
    const error = dockerConfigJsonError(
      secretValue(secret, DOCKER_CONFIG_JSON_KEY),
    );
    if (error) {
      errors.push(error);
    }
  }
  return errors;
}

/** The decoded text of a Secret key, from `stringData` (which wins) or `data`. */
export function secretValue(secret: any, key: string): string | undefined {
  if (typeof secret.stringData?.[key] === 'string') {
    return secret.stringData[key];
  }
  if (typeof secret.data?.[key] === 'string') {
    return Buffer.from(secret.data[key], 'base64').toString('utf8');
  }
  return undefined;
}

/**
 * Kubernetes only checks that `.dockerconfigjson` is present and is a JSON
 * object (`json.Unmarshal` into a map).
 */
function dockerConfigJsonError(
  text: string | undefined,
): FieldError | undefined {
  const field = `data[${DOCKER_CONFIG_JSON_KEY}]`;
  if (text === undefined) {
    return { type: 'Required', field, detail: '' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const first = text.trimStart()[0];
    const detail =
      first === undefined
        ? 'unexpected end of JSON input'
        : `invalid character '${first}' looking for beginning of value`;
    return {
      type: 'Invalid',
      field,
      value: '<secret contents redacted>',
      detail,
    };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : jsonTypeName(parsed);
    return {
      type: 'Invalid',
      field,
      value: '<secret contents redacted>',
      detail: `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    };
  }
  return undefined;
}

/**
 * Whether a `kubernetes.io/dockerconfigjson` Secret can be used to pull
 * images: the kubelet reads registry credentials from an `auths` object.
 */
function dockerConfigJsonHasAuths(secret: any): boolean {
  try {
    const parsed = JSON.parse(
      secretValue(secret, DOCKER_CONFIG_JSON_KEY) ?? '',
    );
    return (
      parsed?.auths !== null &&
      typeof parsed?.auths === 'object' &&
      !Array.isArray(parsed.auths)
    );
  } catch {
    return false;
  }
}

/**
 * Objects the API server stores but that do not work as intended; tests
 * should treat them as client bugs.
 */
export function objectContractProblems(
  kind: KubernetesKind,
  object: any,
): string[] {
  if (
    kind === 'Secret' &&
    object.type === DOCKER_CONFIG_JSON_TYPE &&
    !dockerConfigJsonHasAuths(object)
  ) {
    return [
      `the ${DOCKER_CONFIG_JSON_KEY} of Secret ${JSON.stringify(
        object.metadata?.name,
      )} has no "auths" object; the kubelet cannot pull images with it`,
    ];
  }
  return [];
}

function jsonTypeName(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
