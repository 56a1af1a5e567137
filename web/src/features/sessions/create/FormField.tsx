import type { ReactNode } from 'react';

interface Props {
  label: string;
  /** Id of the control, so the label focuses it. */
  htmlFor?: string;
  help?: string;
  error?: string | undefined;
  children: ReactNode;
  /** The key errors use (`params.period`), for tests and for scrolling to the first error. */
  field?: string;
}

/** Label, control, help text and the field's error (client-side or the API's InputError). */
export function FormField({ label, htmlFor, help, error, children, field }: Props) {
  return (
    <div className={`form-field ${error ? 'invalid' : ''}`} data-field={field}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {help && <span className="help muted">{help}</span>}
      {error && (
        <span className="field-error" role="alert" data-testid="field-error" data-field={field}>
          {error}
        </span>
      )}
    </div>
  );
}
