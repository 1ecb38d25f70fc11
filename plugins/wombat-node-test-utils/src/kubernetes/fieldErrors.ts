/**
 * Validation errors in apimachinery's `field.Error` shape, rendered the way
 * the API server prints them in a 422 `Status`.
 */
export interface FieldError {
  type: 'Required' | 'Invalid' | 'NotSupported' | 'Forbidden' | 'TooLong';
  /** Field path, e.g. `metadata.name` or `data[.dockerconfigjson]`. */
  field: string;
  value?: unknown;
  detail: string;
}

const CAUSE_REASONS: Record<FieldError['type'], string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
};

/** `Invalid value: "x": detail`, without the field path. */
export function describeFieldError(error: FieldError): string {
  switch (error.type) {
    case 'Required':
      return error.detail
        ? `Required value: ${error.detail}`
        : 'Required value';
    case 'Forbidden':
      return `Forbidden: ${error.detail}`;
    case 'TooLong':
      return `Too long: ${error.detail}`;
    case 'NotSupported':
      return `Unsupported value: ${JSON.stringify(error.value)}: ${
        error.detail
      }`;
    default:
      return `Invalid value: ${JSON.stringify(error.value)}: ${error.detail}`;
  }
}

/** `metadata.name: Invalid value: "x": detail`. */
export function fieldErrorText(error: FieldError): string {
  return `${error.field}: ${describeFieldError(error)}`;
}

/** The `details.causes` entries of a 422 `Status`. */
export function statusCauses(errors: FieldError[]) {
  return errors.map(error => ({
    reason: CAUSE_REASONS[error.type],
    message: describeFieldError(error),
    field: error.field,
  }));
}

/** `Kind "name" is invalid: a` or `... is invalid: [a, b]`. */
export function invalidMessage(
  kind: string,
  name: string,
  errors: FieldError[],
): string {
  const texts = errors.map(fieldErrorText);
  const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return `${kind} ${JSON.stringify(name)} is invalid: ${joined}`;
}

/** apimachinery's `field.NotSupported`: the value and the quoted values allowed. */
export function notSupported(
  field: string,
  value: string,
  supported: string[],
): FieldError {
  return {
    type: 'NotSupported',
    field,
    value,
    detail: `supported values: ${supported
      .map(item => JSON.stringify(item))
      .join(', ')}`,
  };
}
