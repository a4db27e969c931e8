// Cursor pagination over a GraphQL connection: the cursors of the pages
// walked so far (the first page has none), and the previous/next buttons.
import { useCallback, useState } from 'react';

export interface CursorPages {
  /** The `after` argument of the page shown (null for the first page). */
  after: string | null;
  hasPrevious: boolean;
  previous: () => void;
  /** Goes to the page after the one whose `pageInfo.endCursor` is given. */
  next: (endCursor: string | null | undefined) => void;
  /** Back to the first page (when the filters change). */
  reset: () => void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  const next = useCallback((endCursor: string | null | undefined) => setCursors((c) => [...c, endCursor ?? null]), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { after: cursors[cursors.length - 1] ?? null, hasPrevious: cursors.length > 1, previous, next, reset };
}

export function Pager({
  pages,
  pageInfo,
}: {
  pages: CursorPages;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null | undefined };
}) {
  return (
    <div className="toolbar">
      <button type="button" disabled={!pages.hasPrevious} onClick={pages.previous}>
        Previous page
      </button>
      <button type="button" disabled={!pageInfo.hasNextPage} onClick={() => pages.next(pageInfo.endCursor)}>
        Next page
      </button>
    </div>
  );
}
