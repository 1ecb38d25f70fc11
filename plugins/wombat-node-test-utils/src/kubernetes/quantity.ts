/**
 * Kubernetes resource quantities (`500m`, `2`, `512Mi`, `1G`, `1e3`), parsed
 * the way apimachinery's `resource.ParseQuantity` accepts them.
 */

/** The message apimachinery returns for a malformed quantity. */
export const QUANTITY_FORMAT_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * The value of a quantity in base units (cores, bytes, counts) as a float,
 * which is exact enough to compare quotas; `undefined` when malformed.
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) {
    return undefined;
  }
  const [, number, suffix = ''] = match;
  const value = Number(number);
  if (BINARY_SUFFIXES[suffix] !== undefined) {
    return value * BINARY_SUFFIXES[suffix];
  }
  if (DECIMAL_SUFFIXES[suffix] !== undefined) {
    return value * DECIMAL_SUFFIXES[suffix];
  }
  return value * 10 ** Number(suffix.slice(1));
}

/** Whether a JSON value decodes into a `resource.Quantity`. */
export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') {
    return Number.isFinite(value);
  }
  return typeof value === 'string' && parseQuantity(value) !== undefined;
}
