import { useEffect, useState } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../../gql';
import { formatDecimal, formatPct, formatPrice, formatSize } from '../../lib/format';

const TickerSubscription = graphql(`
  subscription Ticker($market: String!) {
    ticker(market: $market) {
      lastPrice
      tickDirection
      change24hPct
      high24h
      low24h
      volume24h
      turnover24h
      markPrice
      indexPrice
      fundingRate
      nextFundingTime
      openInterest
    }
  }
`);

interface Props {
  market: string;
  tickSize: number;
  settleCurrency: string;
}

/** Real 24 h statistics, mark/index, funding with a countdown, and open interest; `--` until known. */
export function TickerStats({ market, tickSize, settleCurrency }: Props) {
  const [{ data }] = useSubscription({ query: TickerSubscription, variables: { market } });
  const t = data?.ticker;
  const now = useNow(1_000);
  const px = (v: number | null | undefined) => (v == null ? '--' : formatPrice(v, tickSize));
  const change = t?.change24hPct;
  const funding = t?.fundingRate;
  const next = t?.nextFundingTime ? Date.parse(String(t.nextFundingTime)) : null;
  const stat = (label: string, value: string, className = '', testId?: string) => (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className={`stat-value ${className}`} data-testid={testId}>
        {value}
      </span>
    </div>
  );
  return (
    <div className="ticker-stats" data-testid="ticker-stats">
      {stat(
        '24h Change',
        change == null ? '--' : formatPct(change, 2, true),
        change == null ? '' : direction(change, 2),
        'stat-change',
      )}
      {stat('24h High', px(t?.high24h))}
      {stat('24h Low', px(t?.low24h))}
      {stat('24h Volume', t?.volume24h == null ? '--' : formatSize(t.volume24h))}
      {stat(
        '24h Turnover',
        t?.turnover24h == null ? '--' : `${formatDecimal(t.turnover24h, 2, 2, { grouping: false })} ${settleCurrency}`,
      )}
      {stat('Mark', px(t?.markPrice), '', 'stat-mark')}
      {stat('Index', px(t?.indexPrice))}
      {stat(
        'Funding',
        funding == null ? '--' : formatPct(funding * 100, 4),
        funding == null ? '' : direction(funding * 100, 4),
        'stat-funding',
      )}
      {stat('Next Funding', next == null ? '--' : countdown(next - now))}
      {stat('Open Interest', t?.openInterest == null ? '--' : formatSize(t.openInterest))}
    </div>
  );
}

/** Colour of a value shown with `digits` decimals: one that rounds to 0.00 is not red. */
function direction(value: number, digits: number): 'up' | 'down' {
  return Number(value.toFixed(digits)) < 0 ? 'down' : 'up';
}

/** hh:mm:ss until an instant (never negative). */
function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
