import type { ReactNode } from 'react';

/** A two-column table of labelled values (label → value), as the session drawer shows settings. */
export function KvTable({ rows, testId }: { rows: readonly (readonly [string, ReactNode])[]; testId: string }) {
  return (
    <table className="kv-table" data-testid={testId}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
