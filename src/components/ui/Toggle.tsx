import { useId, type ReactNode } from 'react';

/** A checkbox styled as a switch: the input itself carries the test id, so check()/uncheck() work. */
export function Toggle({
  checked,
  onChange,
  label,
  hint,
  testId,
  disabled = false,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  hint?: ReactNode;
  testId?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className={`toggle ${disabled ? 'toggle--disabled' : ''}`}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="toggle__input"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id} className="toggle__label">
        {label}
        {hint ? (
          <span id={`${id}-hint`} className="toggle__hint">
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}
