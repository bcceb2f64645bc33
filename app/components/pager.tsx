import { Link } from "@remix-run/react";

/** Previous / next links for a paged list; `href(page)` builds each page's address. */
export function Pager({ page, pages, href, previous = "← Previous", next = "Next →" }: { page: number; pages: number; href: (page: number) => string; previous?: string; next?: string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager row" aria-label="Pages">
      {page > 1 ? <Link to={href(page - 1)}>{previous}</Link> : null}
      <span className="muted">
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>{next}</Link> : null}
    </nav>
  );
}
