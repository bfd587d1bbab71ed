'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId } from 'react';

export interface ScopeChoice {
  param: string;
  label: string;
  kind: 'all' | 'month' | 'season';
}

/** All time / the admin's seasons / calendar months: changes `?season=` and reloads the page's data. */
export function ScopeSelect({ scopes, value }: { scopes: ScopeChoice[]; value: string }) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const seasons = scopes.filter((s) => s.kind === 'season');
  const months = scopes.filter((s) => s.kind === 'month');
  function choose(next: string) {
    const q = new URLSearchParams(params.toString());
    if (next === 'all') q.delete('season');
    else q.set('season', next);
    const s = q.toString();
    router.push(s ? `${pathname}?${s}` : pathname);
  }
  return (
    <div className="scope-select">
      <label className="field__label" htmlFor={id}>
        Season
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => choose(e.target.value)} data-testid="scope-select">
        <option value="all">All time</option>
        {seasons.length > 0 ? (
          <optgroup label="Seasons">
            {seasons.map((s) => (
              <option key={s.param} value={s.param}>
                {s.label}
              </option>
            ))}
          </optgroup>
        ) : null}
        {months.length > 0 ? (
          <optgroup label="Months">
            {months.map((s) => (
              <option key={s.param} value={s.param}>
                {s.label}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}
