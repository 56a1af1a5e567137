import { useState } from 'react';
import type { LogLevel } from '../../../gql/graphql';
import { LogStream } from './LogStream';

const LEVELS: LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** The session's log, streaming, with a minimum-level filter (applied by the server). */
export function LogsPanel({ id }: { id: string }) {
  const [level, setLevel] = useState<LogLevel>('INFO');
  return (
    <section className="detail-section">
      <header className="section-header">
        <h3>Logs</h3>
        <select aria-label="Log level" value={level} onChange={(e) => setLevel(e.target.value as LogLevel)}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l} and above
            </option>
          ))}
        </select>
      </header>
      <LogStream key={`${id}:${level}`} id={id} level={level} />
    </section>
  );
}
