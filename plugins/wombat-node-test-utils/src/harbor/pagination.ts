import type { HarborContext } from './HarborContext';
import { harborJson, validationFailure } from './responses';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/**
 * Answers one page of a Harbor list: `page` (default 1) and `page_size`
 * (default 10, at most 100, else go-swagger refuses with 422), plus the
 * `X-Total-Count` and `Link` headers.
 */
export function harborPage<T>(
  context: HarborContext,
  items: T[],
  render: (item: T) => unknown,
): Response {
  const { query } = context.request;
  const errors: string[] = [];
  const page = readInt64(query.page, 'page', errors) ?? 1;
  const pageSize =
    readInt64(query.page_size, 'page_size', errors) ?? DEFAULT_PAGE_SIZE;
  if (pageSize > MAX_PAGE_SIZE) {
    errors.push(
      `page_size in query should be less than or equal to ${MAX_PAGE_SIZE}`,
    );
  }
  if (errors.length > 0) {
    context.violation(
      `${context.request.method} ${context.request.apiPath}: ${errors.join(
        '; ',
      )}`,
    );
    return validationFailure(errors);
  }
  const size = pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE;
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / size));
  const link = (target: number, rel: string) => {
    const url = new URL(context.request.url);
    url.searchParams.set('page', String(target));
    url.searchParams.set('page_size', String(size));
    return `<${url.pathname}${url.search}>; rel="${rel}"`;
  };
  const links = [
    page > 1 ? link(page - 1, 'prev') : undefined,
    page < lastPage ? link(page + 1, 'next') : undefined,
  ].filter(Boolean);
  const headers: Record<string, string> = { 'X-Total-Count': String(total) };
  if (links.length > 0) {
    headers.Link = links.join(' , ');
  }
  return harborJson(
    items.slice((page - 1) * size, page * size).map(render),
    200,
    headers,
  );
}

function readInt64(
  raw: string | undefined,
  name: string,
  errors: string[],
): number | undefined {
  if (raw === undefined || raw === '') {
    return undefined;
  }
  if (!/^-?\d+$/.test(raw)) {
    errors.push(`${name} in query must be of type int64: "${raw}"`);
    return undefined;
  }
  return Number(raw);
}
