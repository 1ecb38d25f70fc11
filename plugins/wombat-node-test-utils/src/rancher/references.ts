import { normanError } from './normanResponses';

/**
 * Norman checks reference fields (`type=reference[cluster]`) while copying
 * the input, and wraps the failure as InvalidFormat on that field, with the
 * InvalidReference error as the message (rancher/norman parse/builder).
 */
export function invalidReference(
  fieldName: string,
  type: string,
  id: string,
): Response {
  return normanError(
    'InvalidFormat',
    `InvalidReference 422: Not found type: ${type} id: ${id}`,
    fieldName,
  );
}

/** A required field that is missing (empty message, like norman). */
export function missingRequired(fieldName: string): Response {
  return normanError('MissingRequired', '', fieldName);
}
