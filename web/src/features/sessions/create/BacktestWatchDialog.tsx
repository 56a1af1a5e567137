import { useCallback } from 'react';
import { Modal } from '../../../components/Modal';
import { useToast } from '../../../components/toast-context';
import { BacktestProgressBar } from '../../backtests/BacktestProgressBar';
import { useSelectedSession } from '../selection';

interface Props {
  id: string;
  name: string;
  onClose: () => void;
}

/** After "Run backtest": its progress; the result opens by itself when it completes. */
export function BacktestWatchDialog({ id, name, onClose }: Props) {
  const toast = useToast();
  const selected = useSelectedSession();
  const onDone = useCallback(
    (status: string) => {
      if (status === 'COMPLETED') {
        toast.success(`Backtest “${name}” completed`);
        selected.open(id);
        onClose();
      } else toast.error(`Backtest “${name}” ${status.toLowerCase()}`);
    },
    [id, name, toast, selected, onClose],
  );
  return (
    <Modal title={`Backtest: ${name}`} onClose={onClose} testId="create-session-dialog">
      <BacktestProgressBar id={id} onDone={onDone} />
      <p className="muted">The result opens when the backtest completes. You may close this; it keeps running.</p>
    </Modal>
  );
}
