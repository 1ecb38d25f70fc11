const SUFFIXES: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * The value of a Kubernetes quantity ("500m", "2", "4Gi", "1.5G"), or
 * undefined when it is not one.
 */
export function parseQuantity(quantity: string | number): number | undefined {
  const match = String(quantity)
    .trim()
    .match(/^(\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/);
  return match ? Number(match[1]) * SUFFIXES[match[2] ?? ''] : undefined;
}
