import { fieldId } from './Field';

/** A labelled group of checkboxes for a list field (`approvedTiers`), with the problems the API reported at its path. */
export function CheckGroup({ name, legend, hint, options, value, errors = [], onChange }: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly { value: string; label: string; disabled?: boolean }[];
  value: readonly string[];
  errors?: string[];
  onChange: (value: string[]) => void;
}) {
  const id = fieldId(name);
  const describedBy = [hint && `${id}-hint`, errors.length && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field checks${errors.length ? ' field-invalid' : ''}`} id={id} aria-describedby={describedBy}>
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            checked={value.includes(o.value)}
            disabled={o.disabled}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
      {errors.length > 0 && (
        <ul className="field-error" id={`${id}-error`} data-field={name}>
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
