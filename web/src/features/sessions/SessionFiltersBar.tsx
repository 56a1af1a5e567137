import { useQuery } from 'urql';
import type { SessionOrder } from '../../gql/graphql';
import { useMarkets } from '../../lib/markets';
import { StrategiesQuery } from './documents';
import type { Mode, Status } from './session-model';

export interface FilterState {
  mode: Mode | '';
  /** Index into the view's status choices. */
  status: number;
  strategy: string;
  market: string;
  orderBy: SessionOrder;
}

export interface StatusChoice {
  label: string;
  value: Status[];
}

export const EMPTY_FILTERS: FilterState = { mode: '', status: 0, strategy: '', market: '', orderBy: 'CREATED_AT_DESC' };

const ORDERS: { value: SessionOrder; label: string }[] = [
  { value: 'CREATED_AT_DESC', label: 'Newest' },
  { value: 'CREATED_AT_ASC', label: 'Oldest' },
  { value: 'NAME_ASC', label: 'Name' },
  { value: 'NET_PNL_DESC', label: 'Best P&L' },
];

interface Props {
  value: FilterState;
  onChange: (next: FilterState) => void;
  modes?: readonly Mode[];
  statuses: readonly StatusChoice[];
  strategyFilter?: boolean;
}

/** Mode / status / strategy / market / order selects above a session list. */
export function SessionFiltersBar({ value, onChange, modes, statuses, strategyFilter = true }: Props) {
  const { markets } = useMarkets();
  const [{ data }] = useQuery({ query: StrategiesQuery });
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...value, [k]: v });
  return (
    <div className="filters-bar">
      {modes && (
        <select aria-label="Mode" value={value.mode} onChange={(e) => set('mode', e.target.value as Mode | '')}>
          <option value="">All modes</option>
          {modes.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Status" value={value.status} onChange={(e) => set('status', Number(e.target.value))}>
        {statuses.map((s, i) => (
          <option key={s.label} value={i}>
            {s.label}
          </option>
        ))}
      </select>
      {strategyFilter && (
        <select aria-label="Strategy" value={value.strategy} onChange={(e) => set('strategy', e.target.value)}>
          <option value="">All strategies</option>
          {(data?.strategies ?? []).map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Market" value={value.market} onChange={(e) => set('market', e.target.value)}>
        <option value="">All markets</option>
        {markets.map((m) => (
          <option key={m.symbol} value={m.symbol}>
            {m.symbol}
          </option>
        ))}
      </select>
      <select aria-label="Order" value={value.orderBy} onChange={(e) => set('orderBy', e.target.value as SessionOrder)}>
        {ORDERS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
