import type { ReactNode } from 'react';
import { GroupTabs } from './GroupTabs';
import { LiveUpdates } from './LiveUpdates';
import { ScopeSelect, type ScopeChoice } from './ScopeSelect';

/** The head of a group's pages: title, a line about it, the season picker, live updates, and the tabs. */
export function GroupHeader({
  eyebrow,
  group,
  meta,
  metaTestId,
  scopes,
  scope,
  current,
}: {
  eyebrow: string;
  group: { id: string; name: string };
  meta: ReactNode;
  metaTestId?: string;
  scopes: ScopeChoice[];
  scope: string;
  current: 'board' | 'insights';
}) {
  return (
    <>
      <header className="boards__head">
        <div>
          <p className="eyebrow">{eyebrow}</p>
          <h1 className="boards__title" data-testid="group-name">
            {group.name}
          </h1>
          <p className="boards__meta" data-testid={metaTestId}>
            {meta}
          </p>
        </div>
        <div className="boards__tools">
          <ScopeSelect scopes={scopes} value={scope} />
          <LiveUpdates groupId={group.id} />
        </div>
      </header>

      <GroupTabs groupId={group.id} current={current} season={scope} />
    </>
  );
}
