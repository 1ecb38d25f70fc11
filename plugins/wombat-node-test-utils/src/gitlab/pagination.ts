import type { GitLabContext } from './GitLabContext';
import { gitlabJson } from './responses';

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

/**
 * Answers one page of a list with GitLab's offset-pagination headers.
 * gitbeaker's `.all()` follows the `Link: <...>; rel="next"` header, and
 * reads the `x-*` headers for `showExpanded` pagination info.
 */
export function paginatedJson<T>(
  context: GitLabContext,
  items: T[],
  render: (item: T) => unknown,
): Response {
  const page = positiveInteger(context.request.query.page) ?? 1;
  const perPage = Math.min(
    positiveInteger(context.request.query.per_page) ?? DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
  );
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const next = page < totalPages ? page + 1 : undefined;
  const prev = page > 1 ? Math.min(page - 1, totalPages) : undefined;

  const pageUrl = (target: number) => {
    const url = new URL(context.request.url);
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return url.toString();
  };
  const links = [
    prev === undefined ? undefined : `<${pageUrl(prev)}>; rel="prev"`,
    next === undefined ? undefined : `<${pageUrl(next)}>; rel="next"`,
    `<${pageUrl(1)}>; rel="first"`,
    `<${pageUrl(totalPages)}>; rel="last"`,
  ].filter(Boolean);

  return gitlabJson(slice.map(render), 200, {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(total),
    'x-total-pages': String(totalPages),
    'x-next-page': next === undefined ? '' : String(next),
    'x-prev-page': prev === undefined ? '' : String(prev),
    link: links.join(', '),
  });
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) {
    return undefined;
  }
  const parsed = Number(value);
  return parsed > 0 ? parsed : undefined;
}
