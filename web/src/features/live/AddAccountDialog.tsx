import { useState } from 'react';
import { useClient } from 'urql';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { useToast } from '../../components/toast-context';
import { FormField } from '../sessions/create/FormField';
import { accountFormErrors, NETWORK_LABEL, NETWORKS, type Network, type NewAccountForm } from './accounts';
import { CreateExchangeAccountMutation } from './documents';

const EMPTY: NewAccountForm = { name: '', network: 'TESTNET', apiKey: '', apiSecret: '' };

/**
 * Stores BitMEX API credentials (sealed by the API; only a 4-character hint of the key id comes
 * back). The secret is a password field, taken out of the form's state as soon as it is sent, so
 * it is never shown again nor kept in the page: a failed attempt needs it typed again.
 */
export function AddAccountDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const toast = useToast();
  const [form, setForm] = useState<NewAccountForm>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const set = (patch: Partial<NewAccountForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    setFormError(null);
    const checked = accountFormErrors(form);
    setErrors(checked);
    if (Object.keys(checked).length > 0) return;
    const sent = { ...form, name: form.name.trim(), apiKey: form.apiKey.trim(), apiSecret: form.apiSecret.trim() };
    set({ apiSecret: '' });
    setSending(true);
    try {
      const r = await client.mutation(CreateExchangeAccountMutation, sent).toPromise();
      const account = r.data?.createExchangeAccount;
      if (!account) {
        setFormError(
          `${r.error?.graphQLErrors[0]?.message ?? r.error?.message ?? 'no answer'} (type the secret again)`,
        );
        return;
      }
      toast.success(`Account “${account.name}” added (key ${account.keyHint})`);
      onClose();
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      title="Add exchange account"
      onClose={onClose}
      testId="add-account-dialog"
      footer={
        <FormFooter
          formId="add-account-form"
          onCancel={onClose}
          label={sending ? 'Saving…' : 'Add account'}
          variant="primary"
          disabled={sending}
          testId="add-account-submit"
        />
      }
    >
      <form
        id="add-account-form"
        className="create-form"
        noValidate
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {formError && (
          <div className="form-error" role="alert" data-testid="form-error">
            {formError}
          </div>
        )}
        <div className="form-row">
          <FormField label="Name" htmlFor="account-name" field="name" error={errors.name} help="how sessions show it">
            <input id="account-name" value={form.name} onChange={(e) => set({ name: e.target.value })} />
          </FormField>
          <FormField label="Network" htmlFor="account-network" field="network">
            <select
              id="account-network"
              value={form.network}
              onChange={(e) => set({ network: e.target.value as Network })}
            >
              {NETWORKS.map((n) => (
                <option key={n} value={n}>
                  {n === 'MAINNET' ? 'mainnet — real money' : NETWORK_LABEL[n]}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        {form.network === 'MAINNET' && (
          <div className="live-warning" role="note">
            <strong>MAINNET keys trade real money.</strong> Give the key order permission only, never withdrawal.
          </div>
        )}
        <FormField label="API key id" htmlFor="account-key" field="apiKey" error={errors.apiKey}>
          <input
            id="account-key"
            value={form.apiKey}
            spellCheck={false}
            onChange={(e) => set({ apiKey: e.target.value })}
          />
        </FormField>
        <FormField
          label="API secret"
          htmlFor="account-secret"
          field="apiSecret"
          error={errors.apiSecret}
          help="sent once, stored encrypted; never shown again"
        >
          <input
            id="account-secret"
            type="password"
            autoComplete="new-password"
            value={form.apiSecret}
            onChange={(e) => set({ apiSecret: e.target.value })}
          />
        </FormField>
      </form>
    </Modal>
  );
}
