import {
  ALL_TIME,
  monthLabel,
  monthRange,
  parseScope,
  scopeParam,
  type Scope,
} from '../../../boards/seasons';
import { ServiceError } from '../../errors';
import type { BoardStatsRepository, Range } from '../../repositories/board-stats';
import type { GroupInfo, GroupService } from '../profiles';

/**
 * What the group pages share: the group itself and the scope a page shows (all time, a month, a season [R11.5]).
 * Dates leave the services as ISO strings.
 */

export interface ScopeOption {
  param: string;
  label: string;
  kind: Scope['kind'];
}

export interface ResolvedScope extends ScopeOption {
  from: string | null;
  to: string | null;
}

export interface GroupRef {
  id: string;
  name: string;
  publicBoards: boolean;
}

export interface SeasonRef {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
}

export const iso = (d: Date | string): string => new Date(d).toISOString();
export const ms = (d: Date | string): number => new Date(d).getTime();

export interface GroupScopesDeps {
  groups: Pick<GroupService, 'get' | 'season' | 'seasons'>;
  stats: Pick<BoardStatsRepository, 'groupMonths'>;
}

export function createGroupScopes(deps: GroupScopesDeps) {
  return {
    async requireGroup(id: string): Promise<GroupInfo> {
      const g = await deps.groups.get(id);
      if (!g) throw new ServiceError('bad_request', 'No such group. Check the link you were given.', 404);
      return g;
    },

    groupRef: (g: GroupInfo): GroupRef => ({ id: g.id, name: g.name, publicBoards: g.publicBoards }),

    /** The scope's date range and label; seasons come from the group admin, months from the calendar [R11.5]. */
    async resolve(
      groupId: string,
      raw: string | null | undefined,
    ): Promise<{ scope: ResolvedScope; range: Range }> {
      const scope = parseScope(raw);
      if (!scope)
        throw new ServiceError('bad_request', 'season must be all, month:YYYY-MM or season:<id>.', 400);
      switch (scope.kind) {
        case 'all':
          return {
            scope: { param: 'all', label: 'All time', kind: 'all', from: null, to: null },
            range: ALL_TIME,
          };
        case 'month': {
          const range = monthRange(scope.key);
          return {
            scope: {
              param: scopeParam(scope),
              label: monthLabel(scope.key),
              kind: 'month',
              from: iso(range.from),
              to: iso(range.to),
            },
            range,
          };
        }
        case 'season': {
          const s = await deps.groups.season(groupId, scope.id);
          if (!s) throw new ServiceError('bad_request', 'No such season in this group.', 404);
          return {
            scope: {
              param: scopeParam(scope),
              label: s.name,
              kind: 'season',
              from: iso(s.startsAt),
              to: iso(s.endsAt),
            },
            range: { from: s.startsAt, to: s.endsAt },
          };
        }
        default: {
          const never: never = scope;
          throw new Error(`unknown scope ${JSON.stringify(never)}`);
        }
      }
    },

    /** All time, the admin's seasons, then the calendar months with games (newest first). */
    async options(groupId: string): Promise<{ scopes: ScopeOption[]; seasons: SeasonRef[] }> {
      const [seasons, months] = await Promise.all([
        deps.groups.seasons(groupId),
        deps.stats.groupMonths(groupId),
      ]);
      return {
        scopes: [
          { param: 'all', label: 'All time', kind: 'all' },
          ...seasons.map((s) => ({ param: `season:${s.id}`, label: s.name, kind: 'season' as const })),
          ...months.map((m) => ({ param: `month:${m}`, label: monthLabel(m), kind: 'month' as const })),
        ],
        seasons: seasons.map((s) => ({
          id: s.id,
          name: s.name,
          startsAt: iso(s.startsAt),
          endsAt: iso(s.endsAt),
        })),
      };
    },
  };
}
export type GroupScopes = ReturnType<typeof createGroupScopes>;
