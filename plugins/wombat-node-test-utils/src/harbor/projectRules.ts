/**
 * Server-side checks Harbor applies to a ProjectReq after the swagger
 * binding (handler/project.go and pkg/project/manager.go).
 */

const PROJECT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const PROJECT_NAME_MAX_LENGTH = 255;

/** Metadata documented as "true"/"false" strings. */
const BOOLEAN_METADATA = [
  'public',
  'enable_content_trust',
  'enable_content_trust_cosign',
  'prevent_vul',
  'auto_scan',
  'auto_sbom_generation',
  'reuse_sys_cve_allowlist',
  'proxy_cache_local_on_not_found',
];

const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'];

/** The 400 message for an unacceptable project name, if any. */
export function projectNameError(name: string): string | undefined {
  if (name.length < 1 || name.length > PROJECT_NAME_MAX_LENGTH) {
    return `Project name ${name} is illegal in length. (greater than ${PROJECT_NAME_MAX_LENGTH} or less than 1)`;
  }
  if (!PROJECT_NAME.test(name)) {
    return 'project name is not in lower case or contains illegal characters';
  }
  return undefined;
}

/** The 400 message Harbor gives for `metadata.public`, if any. */
export function publicMetadataError(value: string): string | undefined {
  return value === 'true' || value === 'false'
    ? undefined
    : `metadata.public should only be 'true' or 'false', but got: '${value}'`;
}

/**
 * Values Harbor stores without complaint but that break the documented
 * contract (not "true"/"false", unknown severity).
 */
export function metadataContractProblems(
  metadata: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null || value === undefined) {
      continue;
    }
    if (
      key !== 'public' &&
      BOOLEAN_METADATA.includes(key) &&
      value !== 'true' &&
      value !== 'false'
    ) {
      problems.push(
        `metadata.${key} should be 'true' or 'false', got ${JSON.stringify(
          value,
        )}`,
      );
    }
    if (key === 'severity' && !SEVERITIES.includes(String(value))) {
      problems.push(
        `metadata.severity should be one of ${SEVERITIES.join(
          ', ',
        )}, got ${JSON.stringify(value)}`,
      );
    }
  }
  return problems;
}
