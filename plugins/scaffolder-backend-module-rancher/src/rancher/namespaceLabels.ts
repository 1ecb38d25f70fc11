import { InputError } from '@backstage/errors';

const LABEL_NAME =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(|[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/**
 * Label prefixes callers may not set, with their subdomains: Wombat's own
 * stamps, Pod Security Admission (a privileged namespace runs pods as node
 * root, and Wombat's token passes Rancher's PSA check for the caller),
 * Rancher's (`field.cattle.io/projectId` moves a namespace between
 * projects) and Kubernetes' own.
 */
const RESERVED_DOMAINS = [
  'wombat.dev',
  'pod-security.kubernetes.io',
  'field.cattle.io',
  'cattle.io',
  'kubernetes.io',
  'k8s.io',
];

/** Whether Kubernetes accepts the text as a label value. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

/**
 * Checks the caller's namespace labels: Kubernetes' syntax, and no key
 * under a reserved prefix.
 */
export function checkCallerLabels(labels: Record<string, string>): void {
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(key)) {
      throw new InputError(
        `labels: "${key}" is not a valid Kubernetes label name`,
      );
    }
    const prefix = key.includes('/') ? key.split('/')[0] : undefined;
    const reserved =
      prefix &&
      RESERVED_DOMAINS.find(
        domain => prefix === domain || prefix.endsWith(`.${domain}`),
      );
    if (reserved) {
      throw new InputError(
        `labels: "${key}" is reserved (keys under ${reserved}/ and its subdomains are set by Wombat, Rancher or Kubernetes, never by a template)`,
      );
    }
    if (!LABEL_VALUE.test(value)) {
      throw new InputError(
        `labels.${key}: "${value}" is not a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`,
      );
    }
  }
}
