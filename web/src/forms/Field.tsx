import type { ReactNode } from 'react';

/** What a field hands its control so label, hint and errors are announced together. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export const fieldId = (name: string): string => `field-${name.replace(/\W+/g, '-')}`;

/**
 * A labelled form field showing its hint and the problems the API (or the same rules checked before sending)
 * reported at its path.
 */
export function Field({ name, label, hint, errors = [], children }: { name: string; label: string; hint?: string; errors?: string[]; children: (props: ControlProps) => ReactNode }) {
  const id = fieldId(name);
  const describedBy = [hint && `${id}-hint`, errors.length && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={`field${errors.length ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, name, ...(errors.length ? { 'aria-invalid': true } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {errors.length > 0 && (
        <ul className="field-error" id={`${id}-error`} data-field={name}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
