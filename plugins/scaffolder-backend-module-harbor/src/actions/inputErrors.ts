import { InputError } from '@backstage/errors';
import { explainInvalidHarborName } from '@wombat/plugin-wombat-node';

/** Throws an InputError when `value` is not a valid Harbor name. */
export function checkHarborName(field: string, value: string) {
  const reason = explainInvalidHarborName(value);
  if (reason) {
    throw new InputError(`${field} "${value}" ${reason}`);
  }
}
