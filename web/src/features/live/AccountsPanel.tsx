import { useState } from 'react';
import { useClient } from 'urql';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useToast } from '../../components/toast-context';
import { formatUtc } from '../../lib/format';
import { AddAccountDialog } from './AddAccountDialog';
import { isRealMoney, NETWORK_LABEL } from './accounts';
import { RevokeExchangeAccountMutation } from './documents';
import { type ExchangeAccountRow, useExchangeAccounts } from './useExchangeAccounts';
import './live.css';

/** The exchange accounts sessions can trade on: list, add, revoke (admin keys only). */
export function AccountsPanel() {
  const client = useClient();
  const toast = useToast();
  const { accounts, fetching, error } = useExchangeAccounts();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const revoke = async (a: ExchangeAccountRow) => {
    setBusy(a.id);
    try {
      const r = await client.mutation(RevokeExchangeAccountMutation, { id: a.id }).toPromise();
      if (r.data?.revokeExchangeAccount) toast.success(`Account “${a.name}” revoked; its credentials are wiped`);
      else toast.error(`Revoking “${a.name}” failed: ${r.error?.graphQLErrors[0]?.message ?? r.error?.message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="accounts-panel" data-testid="accounts-panel">
      <div className="toolbar">
        <span className="muted">
          Exchange API credentials, stored encrypted; only the first 4 characters of each key id are ever shown.
        </span>
        <div className="spacer" />
        <button type="button" className="primary" data-testid="add-account" onClick={() => setAdding(true)}>
          + Add account
        </button>
      </div>
      {error && (
        <div className="error-line">cannot list accounts: {error.graphQLErrors[0]?.message ?? error.message}</div>
      )}
      <div className="table-scroll">
        <table className="data-table accounts-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Network</th>
              <th>Key</th>
              <th>Created (UTC)</th>
              <th>Revoked (UTC)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr
                key={a.id}
                className={a.revokedAt ? 'revoked' : ''}
                data-testid="account-row"
                data-account-id={a.id}
                data-network={a.network}
              >
                <td>{a.name}</td>
                <td>
                  <span className={`network-badge network-${a.network.toLowerCase()}`}>
                    {isRealMoney(a.network) ? 'mainnet · real money' : NETWORK_LABEL[a.network]}
                  </span>
                </td>
                <td className="mono">{a.keyHint}</td>
                <td>{formatUtc(a.createdAt)}</td>
                <td>{a.revokedAt ? formatUtc(a.revokedAt) : '—'}</td>
                <td>
                  {!a.revokedAt && (
                    <ConfirmButton
                      label="Revoke"
                      confirmLabel={`Revoke ${a.name}?`}
                      className="btn"
                      disabled={busy === a.id}
                      testId="account-revoke"
                      onConfirm={() => void revoke(a)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {accounts.length === 0 && !fetching && !error && (
        <div className="empty muted">No exchange account yet. LIVE sessions need one.</div>
      )}
      {adding && <AddAccountDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
