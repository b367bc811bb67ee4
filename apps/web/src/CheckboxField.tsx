import type { ReactNode, Ref } from 'react';

interface CheckboxFieldProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  invalid: boolean;
  /** Ids of the texts that explain the box (its error, the wording it agrees to). */
  describedBy?: string;
  inputRef: Ref<HTMLInputElement>;
  children: ReactNode;
}

/** A native checkbox inside its label (so the whole sentence is the click and the accessible name). */
export function CheckboxField({ checked, onChange, invalid, describedBy, inputRef, children }: CheckboxFieldProps) {
  return (
    <label className="choice">
      <input
        type="checkbox"
        ref={inputRef}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={invalid}
        aria-describedby={describedBy || undefined}
      />
      {children}
    </label>
  );
}
