import { useEffect } from 'react';
import { CompareView } from './compare/CompareView';
import { SessionDetail } from './detail/SessionDetail';
import { useSelectedSession } from './selection';

/**
 * The drawer over the right of the page for `?session=<id>` (and `&compare=<id>`); put away
 * (`drawer=min`) the session stays selected on the chart, whose legend brings the drawer back.
 */
export function SessionDrawer() {
  const { id, compare, minimized, open, close } = useSelectedSession();
  useEffect(() => {
    if (!id || minimized) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('.modal')) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, minimized, close]);
  if (!id || minimized) return null;
  return (
    <aside className="drawer" aria-label="Session">
      {compare ? (
        <CompareView
          key={`${id}:${compare}`}
          aId={id}
          bId={compare}
          onBack={() => open(id)}
          onClose={close}
          onOpen={open}
        />
      ) : (
        <SessionDetail key={id} id={id} onClose={close} />
      )}
    </aside>
  );
}
