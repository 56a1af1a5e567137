import './components.css';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
}

/** « Prev · Page X of Y · Next » under a paged list. */
export function Pager({ page, pageSize, total, hasNext, onPrev, onNext }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page === 0) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={page === 0} onClick={onPrev}>
        « Prev
      </button>
      <span className="muted">
        Page {page + 1} of {pages} · {total} total
      </span>
      <button type="button" disabled={!hasNext} onClick={onNext}>
        Next »
      </button>
    </nav>
  );
}
