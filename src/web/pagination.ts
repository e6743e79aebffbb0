/** A list page's position, from `?pagina=N`. */
export function pageParams(query: Record<string, string>, perPage = 20): { page: number; limit: number; offset: number } {
  const n = Number(query.pagina);
  const page = Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  return { page, limit: perPage, offset: (page - 1) * perPage };
}

export interface Pager {
  page: number;
  pages: number;
  total: number;
  from: number;
  to: number;
  prev: string | null;
  next: string | null;
  links: Array<{ n: number; href: string; current: boolean }>;
}

/**
 * What templates/web/macros/pagination.njk shows: previous/next and a window of page numbers.
 * `filters` are kept in every link (they must hold no personal data: they end up in URLs).
 */
export function pager(path: string, page: number, perPage: number, total: number, filters: Record<string, string> = {}): Pager {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const href = (n: number) => `${path}?${new URLSearchParams({ ...filters, pagina: String(n) }).toString()}`;
  const first = Math.max(1, Math.min(page - 2, pages - 4));
  const links = [];
  for (let n = first; n <= Math.min(pages, first + 4); n++) links.push({ n, href: href(n), current: n === page });
  return {
    page,
    pages,
    total,
    from: total === 0 ? 0 : (page - 1) * perPage + 1,
    to: Math.min(total, page * perPage),
    prev: page > 1 ? href(page - 1) : null,
    next: page < pages ? href(page + 1) : null,
    links,
  };
}
