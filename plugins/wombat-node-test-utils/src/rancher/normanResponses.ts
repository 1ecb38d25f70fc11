import { HttpResponse } from 'msw';

/** Norman error codes with their HTTP status (rancher/norman httperror). */
export const NORMAN_ERRORS = {
  Unauthorized: 401,
  PermissionDenied: 403,
  NotFound: 404,
  MethodNotAllow: 405,
  Conflict: 409,
  InvalidFormat: 422,
  InvalidReference: 422,
  MissingRequired: 422,
  NotNullable: 422,
  MaxLimitExceeded: 422,
  NotUnique: 422,
  InvalidBodyContent: 422,
  ServerError: 500,
  ClusterUnavailable: 503,
} as const;

export type NormanErrorCode = keyof typeof NORMAN_ERRORS;

/** JSON answer of the v3 API. */
export function normanJson(body: unknown, status = 200): Response {
  return HttpResponse.json(body as object, { status });
}

/**
 * Norman's error body: `{"baseType":"error","code":...,"fieldName":...,
 * "message":...,"status":<number>,"type":"error"}`.
 */
export function normanError(
  code: NormanErrorCode,
  message: string,
  fieldName?: string,
): Response {
  const status = NORMAN_ERRORS[code];
  return normanJson(
    {
      baseType: 'error',
      type: 'error',
      status,
      code,
      message,
      ...(fieldName ? { fieldName } : {}),
    },
    status,
  );
}

/**
 * What Rancher's authentication filter answers without valid credentials;
 * it comes from Rancher's auth code, not norman, so `status` is a string
 * and there is no `code`.
 */
export function mustAuthenticate(): Response {
  return normanJson(
    { type: 'error', status: '401', message: 'must authenticate' },
    401,
  );
}

const CODES_BY_STATUS: Record<number, NormanErrorCode> = {
  401: 'Unauthorized',
  403: 'PermissionDenied',
  404: 'NotFound',
  405: 'MethodNotAllow',
  409: 'Conflict',
  422: 'InvalidBodyContent',
  503: 'ClusterUnavailable',
};

/** The norman error for a status scheduled with `failNext`. */
export function normanStatusError(status: number): Response {
  const code = CODES_BY_STATUS[status] ?? 'ServerError';
  return normanJson(
    {
      baseType: 'error',
      type: 'error',
      status,
      code,
      message: `failed with status ${status}`,
    },
    status,
  );
}
