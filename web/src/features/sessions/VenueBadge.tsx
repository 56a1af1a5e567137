import { isRealMoney, NETWORK_LABEL, type Network } from '../live/accounts';

export interface VenueOf {
  venue: string;
  account?: { name: string; network: Network } | null;
}

/**
 * The exchange account an EXCHANGE session's orders go to: its name and network. A MAINNET account
 * carries a red REAL MONEY badge first, so a LIVE session on real money is never mistaken for a
 * test. Nothing for simulated venues: the mode badge already says `paper` (or backtest).
 */
export function VenueBadge({ session: s }: { session: VenueOf }) {
  if (s.venue !== 'EXCHANGE') return null;
  const a = s.account;
  const real = isRealMoney(a?.network);
  const where = a ? `${a.name} (${NETWORK_LABEL[a.network]})` : 'an account no longer listed';
  return (
    <span
      className={`venue ${real ? 'venue-mainnet' : ''}`}
      data-testid="session-venue"
      data-venue="EXCHANGE"
      data-network={a?.network ?? ''}
      title={real ? `orders go to ${where} on BitMEX mainnet: real money` : `orders go to ${where}`}
    >
      {real && <b className="real-money">REAL MONEY</b>}
      {a ? (
        <>
          {a.name} <span className="venue-network">({NETWORK_LABEL[a.network]})</span>
        </>
      ) : (
        'account unavailable'
      )}
    </span>
  );
}
