// Form fields of the views' filter bars: a labelled select over typed
// options, a labelled date, and the form that applies them.
import type { ReactNode } from 'react';

/** A filter bar: its fields, then "Apply", which hands the draft to `onApply`. */
export function FilterForm({ label, onApply, children }: { label: string; onApply: () => void; children: ReactNode }) {
  return (
    <form
      className="filters"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      {children}
      <button type="submit" className="primary">
        Apply
      </button>
    </form>
  );
}

export interface Option<V extends string | number> {
  value: V;
  label: string;
}

/**
 * A select with its label. The value handed to `onChange` is the chosen
 * option's own value (a number stays a number). `inline` leaves out the
 * wrapping block, for a toolbar.
 */
export function SelectField<V extends string | number>({
  id,
  label,
  value,
  options,
  onChange,
  title,
  inline = false,
}: {
  id: string;
  label: string;
  value: V;
  options: ReadonlyArray<Option<V>>;
  onChange: (value: V) => void;
  title?: string;
  inline?: boolean;
}) {
  const field = (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        title={title}
        onChange={(e) => {
          const chosen = options.find((o) => String(o.value) === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
  return inline ? field : <div>{field}</div>;
}

/** A date (YYYY-MM-DD) with its label. */
export function DateField({
  id,
  label,
  value,
  onChange,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" required={required} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
