import type { FieldError } from './fieldErrors';

/**
 * Name, label and annotation rules of apimachinery's `validation` package,
 * with its messages.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED_NAME_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** Problems of a DNS-1123 label (namespace names); `[]` when valid. */
export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) {
    problems.push('must be no more than 63 characters');
  }
  if (!DNS1123_LABEL.test(value)) {
    problems.push(DNS1123_LABEL_MESSAGE);
  }
  return problems;
}

/** Problems of a DNS-1123 subdomain (most object names); `[]` when valid. */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) {
    problems.push('must be no more than 253 characters');
  }
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(DNS1123_SUBDOMAIN_MESSAGE);
  }
  return problems;
}

/**
 * Problems of a name that only has to be usable as a URL path segment
 * (`path.IsValidPathSegmentName`), the rule for RBAC object names.
 */
export function pathSegmentNameProblems(value: string): string[] {
  if (value === '.' || value === '..') {
    return [`may not be '${value}'`];
  }
  return ['/', '%']
    .filter(character => value.includes(character))
    .map(character => `may not contain '${character}'`);
}

/** Problems of a label or annotation key (`[prefix/]name`). */
export function qualifiedNameProblems(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${QUALIFIED_NAME_MESSAGE.slice(
        'name part '.length,
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  const problems: string[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0) {
      problems.push('prefix part must be non-empty');
    } else {
      problems.push(
        ...dns1123SubdomainProblems(prefix).map(p => `prefix part ${p}`),
      );
    }
  }
  if (name.length === 0) {
    problems.push('name part must be non-empty');
  } else {
    if (name.length > 63) {
      problems.push('name part must be no more than 63 characters');
    }
    if (!QUALIFIED_NAME_PART.test(name)) {
      problems.push(QUALIFIED_NAME_MESSAGE);
    }
  }
  return problems;
}

/** Problems of a label value; `[]` when valid. */
export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) {
    problems.push('must be no more than 63 characters');
  }
  if (!LABEL_VALUE.test(value)) {
    problems.push(LABEL_VALUE_MESSAGE);
  }
  return problems;
}

/** Errors of `metadata.labels` and `metadata.annotations` keys and values. */
export function metadataMapErrors(metadata: Record<string, any>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    for (const detail of qualifiedNameProblems(key)) {
      errors.push({
        type: 'Invalid',
        field: 'metadata.labels',
        value: key,
        detail,
      });
    }
    if (typeof value === 'string') {
      for (const detail of labelValueProblems(value)) {
        errors.push({
          type: 'Invalid',
          field: 'metadata.labels',
          value,
          detail,
        });
      }
    }
  }
  for (const key of Object.keys(metadata.annotations ?? {})) {
    for (const detail of qualifiedNameProblems(key.toLowerCase())) {
      errors.push({
        type: 'Invalid',
        field: 'metadata.annotations',
        value: key,
        detail,
      });
    }
  }
  return errors;
}
