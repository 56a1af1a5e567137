import { useCallback, useMemo } from 'react';
import { parseStudies, type StudyConfig, serializeStudies } from '../../charts/study-config';
import { useOptionalUrlParam } from '../../lib/url-state';

/** The chart's studies, kept in the URL (`ind=sma20.bb20`) like the market and period. */
export function useStudies(): [StudyConfig[], (next: readonly StudyConfig[]) => void] {
  const [param, setParam] = useOptionalUrlParam('ind');
  const studies = useMemo(() => parseStudies(param), [param]);
  const set = useCallback((next: readonly StudyConfig[]) => setParam(serializeStudies(next)), [setParam]);
  return [studies, set];
}
