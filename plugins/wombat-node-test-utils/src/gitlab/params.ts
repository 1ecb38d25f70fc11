/**
 * Readers for Grape-declared parameters. Each returns either the coerced
 * value or the error message Grape would answer with (400 `{"error": ...}`).
 */
export type ParamResult<T> = { value?: T; error?: string };

/** `requires :a, :b` answers `a is missing, b is missing`. */
export function missingParams(
  params: Record<string, unknown>,
  names: string[],
): string | undefined {
  const missing = names.filter(name => isAbsent(params[name]));
  return missing.length > 0
    ? missing.map(name => `${name} is missing`).join(', ')
    : undefined;
}

/** `at_least_one_of :a, :b`. */
export function atLeastOneOf(
  params: Record<string, unknown>,
  names: string[],
): string | undefined {
  return names.every(name => isAbsent(params[name]))
    ? `${names.join(', ')} are missing, at least one parameter must be provided`
    : undefined;
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** `type: Integer`: numbers and numeric strings are coerced. */
export function readInteger(
  params: Record<string, unknown>,
  name: string,
): ParamResult<number> {
  const raw = params[name];
  if (isAbsent(raw)) {
    return {};
  }
  const value =
    typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value === 'number' && Number.isInteger(value)) {
    return { value };
  }
  return { error: `${name} is invalid` };
}

/** `type: Boolean`: true/false, also as strings from a query. */
export function readBoolean(
  params: Record<string, unknown>,
  name: string,
): ParamResult<boolean> {
  const raw = params[name];
  if (isAbsent(raw)) {
    return {};
  }
  if (typeof raw === 'boolean') {
    return { value: raw };
  }
  if (typeof raw === 'string' && /^(true|false|1|0)$/i.test(raw)) {
    return { value: /^(true|1)$/i.test(raw) };
  }
  return { error: `${name} is invalid` };
}

/** `type: String`: numbers are coerced, objects are not. */
export function readString(
  params: Record<string, unknown>,
  name: string,
): ParamResult<string> {
  const raw = params[name];
  if (isAbsent(raw)) {
    return {};
  }
  if (typeof raw === 'string') {
    return { value: raw };
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') {
    return { value: String(raw) };
  }
  return { error: `${name} is invalid` };
}

/** `type: Integer, values: [...]` for access levels. */
export function readAccessLevel(
  params: Record<string, unknown>,
  name: string,
  allowed: readonly number[],
): ParamResult<number> {
  const result = readInteger(params, name);
  if (result.value !== undefined && !allowed.includes(result.value)) {
    return { error: `${name} does not have a valid value` };
  }
  return result;
}

/** `values: [...]` for strings. */
export function readEnum<T extends string>(
  params: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
): ParamResult<T> {
  const result = readString(params, name);
  if (result.error || result.value === undefined) {
    return result as ParamResult<T>;
  }
  return allowed.includes(result.value as T)
    ? { value: result.value as T }
    : { error: `${name} does not have a valid value` };
}

/** All Grape errors of several reads, joined like Grape does. */
export function combinedErrors(
  ...results: Array<ParamResult<unknown>>
): string | undefined {
  const errors = results.map(r => r.error).filter((e): e is string => !!e);
  return errors.length > 0 ? errors.join(', ') : undefined;
}
