import { useCallback, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useToast } from '../../../components/toast-context';
import { useMarkets } from '../../../lib/markets';
import { useUrlParam } from '../../../lib/url-state';
import { useExchangeAccounts } from '../../live/useExchangeAccounts';
import { StrategiesQuery } from '../documents';
import { useSelectedSession } from '../selection';
import type { Mode } from '../session-model';
import { BacktestRangeFields } from './BacktestRangeFields';
import { BacktestWatchDialog } from './BacktestWatchDialog';
import { buildSubmission, type CreateForm, defaultName, emptyForm, isFormField } from './create-input';
import { FeesFields } from './FeesFields';
import { FormField } from './FormField';
import { MarketPicker } from './MarketPicker';
import { ModePicker } from './ModePicker';
import { ParamsForm } from './ParamsForm';
import { fieldsFromSchema, initialValues } from './params-schema';
import { RiskLimitsFields } from './RiskLimitsFields';
import { StrategyField } from './StrategyField';
import { useCreateSession } from './useCreateSession';
import { onExchange } from './venue-input';

interface Props {
  initialMode: Mode;
  onClose: () => void;
}

/**
 * New session / backtest: mode (with venue, exchange account and the LIVE confirmation), strategy,
 * markets, generated parameter form, window, risk limits, fees.
 */
export function CreateSessionDialog({ initialMode, onClose }: Props) {
  const toast = useToast();
  const selected = useSelectedSession();
  const submit = useCreateSession();
  const { markets, bySymbol } = useMarkets();
  const [chartMarket] = useUrlParam<string>('market', 'XBTUSD');
  const [{ data, error: strategiesError }] = useQuery({ query: StrategiesQuery });
  const [form, setForm] = useState<CreateForm>(() => emptyForm(initialMode, chartMarket));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [watching, setWatching] = useState<{ id: string; name: string } | null>(null);
  const exchange = onExchange(form);
  // Listed only once a session would trade on an account (the query needs an admin key).
  const accounts = useExchangeAccounts(!exchange);
  const accountsError = accounts.error
    ? `cannot list accounts: ${accounts.error.graphQLErrors[0]?.message ?? accounts.error.message}`
    : null;

  const strategies = (data?.strategies ?? []).filter((s) => s.modes.includes(form.mode));
  const strategy =
    form.mode === 'MARKET' ? null : (strategies.find((s) => s.name === form.strategy) ?? strategies[0] ?? null);
  const fields = useMemo(() => fieldsFromSchema(strategy?.paramsSchema), [strategy]);
  const legs = form.mode === 'MARKET' ? null : (strategy?.legs ?? 1);
  const params = strategy && form.strategy === strategy.name ? form.params : initialValues(fields);
  const shown: CreateForm = { ...form, strategy: strategy?.name ?? '', params };
  const update = (patch: Partial<CreateForm>) => setForm((f) => ({ ...f, strategy: shown.strategy, params, ...patch }));
  const setRange = useCallback(
    (rangeFrom: string, rangeTo: string) => setForm((f) => ({ ...f, rangeFrom, rangeTo })),
    [],
  );

  const onSubmit = async () => {
    setFormError(null);
    const checked = buildSubmission(
      shown,
      strategy ? { name: strategy.name, legs: strategy.legs, fields } : null,
      Date.now(),
      accounts.accounts,
    );
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSending(true);
    try {
      const outcome = await submit(checked.submission);
      if (!outcome.ok) {
        if (outcome.field && isFormField(outcome.field)) setErrors({ [outcome.field]: outcome.message });
        else setFormError(outcome.message);
        if (!outcome.field) toast.error(`Could not create the session: ${outcome.message}`);
        return;
      }
      if (checked.submission.kind === 'backtest') {
        setWatching({ id: outcome.data.id, name: outcome.data.name });
        toast.info(`Backtest “${outcome.data.name}” queued`);
      } else {
        toast.success(`Session “${outcome.data.name}” created and queued`);
        selected.open(outcome.data.id);
        onClose();
      }
    } finally {
      setSending(false);
    }
  };

  if (watching) return <BacktestWatchDialog id={watching.id} name={watching.name} onClose={onClose} />;

  const settle = bySymbol.get(shown.markets[0] ?? '')?.settleCurrency ?? null;
  return (
    <Modal
      title="New session"
      wide
      onClose={onClose}
      testId="create-session-dialog"
      footer={
        <FormFooter
          formId="create-session-form"
          onCancel={onClose}
          label={
            sending
              ? 'Sending…'
              : form.mode === 'BACKTEST'
                ? 'Run backtest'
                : form.mode === 'LIVE'
                  ? 'Create and start LIVE'
                  : 'Create and start'
          }
          variant={form.mode === 'LIVE' ? 'danger' : 'primary'}
          disabled={sending}
          testId="create-submit"
        />
      }
    >
      <form
        id="create-session-form"
        className="create-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        {formError && (
          <div className="form-error" role="alert" data-testid="form-error">
            {formError}
          </div>
        )}
        {strategiesError && <div className="form-error">cannot load strategies: {strategiesError.message}</div>}
        <ModePicker
          mode={form.mode}
          venue={form.venue}
          accountId={form.accountId}
          confirmLive={form.confirmLive}
          accounts={accounts.accounts}
          accountsError={accountsError}
          accountsLoading={accounts.fetching}
          errors={errors}
          onChange={update}
        />
        <FormField
          label="Name"
          htmlFor="session-name"
          field="name"
          error={errors.name}
          help="optional; generated when empty"
        >
          <input
            id="session-name"
            value={form.name}
            placeholder={defaultName(shown)}
            onChange={(e) => update({ name: e.target.value })}
          />
        </FormField>
        {form.mode !== 'MARKET' && (
          <StrategyField
            strategies={strategies}
            value={shown.strategy}
            error={errors.strategy}
            onChange={(name) => {
              const next = strategies.find((s) => s.name === name);
              const values = initialValues(fieldsFromSchema(next?.paramsSchema));
              setForm((f) => ({ ...f, strategy: name, params: values, markets: f.markets.slice(0, 1) }));
            }}
          />
        )}
        <MarketPicker
          markets={markets}
          legs={legs}
          value={shown.markets}
          errors={errors}
          onChange={(m) => update({ markets: m })}
        />
        {form.mode === 'BACKTEST' && (
          <BacktestRangeFields
            market={shown.markets[0] ?? ''}
            from={form.rangeFrom}
            to={form.rangeTo}
            errors={errors}
            onChange={setRange}
          />
        )}
        {strategy && (
          <fieldset className="params-fieldset">
            <legend>{strategy.name} parameters</legend>
            <ParamsForm
              fields={fields}
              values={params}
              errors={errors}
              onChange={(k, v) => update({ params: { ...params, [k]: v } })}
            />
          </fieldset>
        )}
        {(form.mode === 'TEST' || form.mode === 'LIVE') && (
          <RiskLimitsFields
            value={form.risk}
            settleCurrency={settle}
            exchange={exchange}
            errors={errors}
            onChange={(risk) => update({ risk })}
          />
        )}
        <FeesFields form={form} settleCurrency={settle} errors={errors} onChange={(k, v) => update({ [k]: v })} />
      </form>
    </Modal>
  );
}
