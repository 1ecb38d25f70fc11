import type { IncomingRequest } from '../shared/incomingRequest';
import { normanJson } from './normanResponses';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const PAGING_PARAMETERS = new Set(['limit', 'marker', 'sort', 'order']);

/**
 * Answers a norman collection: query parameters naming a field are exact
 * filters (`?clusterId=c-m-abc12&name=dev`), items are ordered by id, and
 * `limit` (default 100, at most 1000) cuts pages whose `pagination.next` is
 * the same URL with `marker=m<index>`, like norman's ApplyPagination.
 */
export function normanCollection<T extends { id: string }>(
  request: IncomingRequest,
  resourceType: string,
  items: T[],
  filterableFields: string[],
): Response {
  const filters = Object.entries(request.query).filter(
    ([key]) => !PAGING_PARAMETERS.has(key) && filterableFields.includes(key),
  );
  const matching = items
    .filter(item =>
      filters.every(
        ([key, value]) =>
          String((item as Record<string, unknown>)[key] ?? '') === value,
      ),
    )
    .sort((a, b) => compareIds(a.id, b.id));

  const limit = readLimit(request.query.limit);
  const start = readMarker(request.query.marker, matching.length);
  const end = Math.min(start + limit, matching.length);
  const pagination: Record<string, unknown> = { limit, total: matching.length };
  if (end < matching.length) {
    pagination.next = withMarker(request.url, end);
    pagination.partial = true;
  }
  if (start > 0) {
    pagination.previous = withMarker(request.url, Math.max(0, start - limit));
    pagination.partial = true;
  }
  const self = new URL(request.url);
  return normanJson({
    type: 'collection',
    resourceType,
    links: { self: self.toString() },
    createTypes: { [resourceType]: `${self.origin}${self.pathname}` },
    actions: {},
    pagination,
    filters: Object.fromEntries(filterableFields.map(field => [field, null])),
    data: matching.slice(start, end),
  });
}

function readLimit(raw: string | undefined): number {
  const limit = Number(raw);
  if (raw === undefined || !Number.isInteger(limit) || limit <= 0) {
    return DEFAULT_LIMIT;
  }
  return Math.min(limit, MAX_LIMIT);
}

function readMarker(raw: string | undefined, total: number): number {
  const match = /^m(\d+)$/.exec(raw ?? '');
  const index = match ? Number(match[1]) : 0;
  return index < total ? index : 0;
}

function withMarker(url: URL, index: number): string {
  const next = new URL(url);
  next.searchParams.set('marker', `m${index}`);
  return next.toString();
}

function compareIds(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
