import './components.css';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  badge?: number | string | null;
}

interface Props<T extends string> {
  items: readonly TabItem<T>[];
  active: T;
  onChange: (id: T) => void;
  label: string;
  /** `sub` draws smaller pill-style tabs (inside a panel). */
  variant?: 'main' | 'sub';
}

/** A row of tabs (ARIA tablist); the badge shows a count in brackets like BitMEX's `Positions [0]`. */
export function Tabs<T extends string>({ items, active, onChange, label, variant = 'main' }: Props<T>) {
  return (
    <div className={`tabs ${variant}`} role="tablist" aria-label={label}>
      {items.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === active}
          className={t.id === active ? 'active' : ''}
          data-testid={`tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
          {t.badge != null && <span className="tab-badge"> [{t.badge}]</span>}
        </button>
      ))}
    </div>
  );
}
