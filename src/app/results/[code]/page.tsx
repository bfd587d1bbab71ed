import { RankDot, TableHead, TableWrap } from '@/components/ui/Table';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { RoomResults } from '@/server/services/rooms';
import { isServiceError } from '@/server/errors';
import { getServices } from '@/server/services/container';
import { isValidCode, normalizeCode } from '@/client/codes';
import { PrintButton } from '@/components/results/PrintButton';
import { StudySheet } from '@/components/results/StudySheet';
import { TeamSwatch } from '@/components/teams/Teams';
import { Podium } from '@/components/ui/Podium';
import { RichText } from '@/components/ui/RichText';
import { SiteHeader } from '@/components/ui/SiteHeader';
import { StatusScreen } from '@/components/ui/StatusScreen';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { code } = await params;
  return { title: `Results ${normalizeCode(code)}` };
}

const STATUS_NOTE: Record<string, string> = {
  lobby: 'This game has not started yet.',
  running: 'This game is still running: these are the results so far.',
  abandoned: 'This game was interrupted (the server restarted); these are the results up to that point.',
};

function formatDate(d: Date | null): string {
  if (!d) return '';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(d);
}

function pct(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

async function load(
  code: string,
): Promise<{ results: RoomResults | null; failure: string | null; live?: boolean }> {
  if (!isValidCode(code)) return { results: null, failure: null };
  try {
    // A page has no host token: a game still being played shows its results once it ends [R9.6].
    return { results: await getServices().rooms.readResults(code, null), failure: null };
  } catch (e) {
    if (isServiceError(e) && e.code === 'not_host') return { results: null, failure: e.message, live: true };
    return { results: null, failure: e instanceof Error ? e.message : 'The results could not be loaded.' };
  }
}

export default async function ResultsPage({ params }: Params) {
  const { code: raw } = await params;
  const code = normalizeCode(decodeURIComponent(raw));
  const { results, failure, live } = await load(code);

  if (!results) {
    return (
      <div className="page page--site">
        <SiteHeader current="results" />
        <main className="results results--empty" id="main">
          {live ? (
            <StatusScreen
              tone="info"
              title={`Game ${code} is still being played`}
              actions={
                <Link href={`/results/${code}`} className="btn btn--primary">
                  Check again
                </Link>
              }
            >
              <p data-testid="results-live">Its results appear here when the game ends.</p>
            </StatusScreen>
          ) : failure ? (
            <StatusScreen
              tone="error"
              title="Results unavailable"
              actions={
                <Link href={`/results/${code}`} className="btn btn--primary">
                  Try again
                </Link>
              }
            >
              <p>{failure}</p>
            </StatusScreen>
          ) : (
            <StatusScreen
              tone="warn"
              title={`No results for code ${code}`}
              actions={
                <Link href="/" className="btn btn--primary">
                  Back to Quizroom
                </Link>
              }
            >
              <p>There is no game with this code. Check the link you were given.</p>
            </StatusScreen>
          )}
        </main>
      </div>
    );
  }

  const { room, questions } = results;
  const players = results.players
    .filter((p) => !p.removed)
    .sort(
      (a, b) =>
        (a.finalRank ?? Infinity) - (b.finalRank ?? Infinity) ||
        b.score - a.score ||
        a.nickname.localeCompare(b.nickname),
    )
    .map((p, i) => ({ ...p, rank: p.finalRank ?? i + 1 }));
  const asked = [...questions].sort((a, b) => a.index - b.index);
  const played = asked.filter((q) => !q.skipped);
  const totalAnswers = played.reduce((n, q) => n + q.answered, 0);
  const totalCorrect = played.reduce((n, q) => n + q.correct, 0);
  const hardest = played
    .filter((q) => q.answered > 0)
    .sort((a, b) => a.correct / a.answered - b.correct / b.answered)
    .slice(0, 3)
    .filter((q) => q.correct < q.answered);
  const when = room.endedAt ?? room.startedAt ?? room.createdAt;
  const renderedPrompts = getServices().decks.inlineHtml(asked.map((q) => q.prompt));
  const promptHtml = new Map(asked.map((q, i) => [q.index, renderedPrompts[i]]));
  const overall = pct(totalCorrect, totalAnswers);
  const sheet = await getServices().studySheet.sheet(results);
  const teams = getServices().studySheet.teams(results);

  return (
    <div className="page page--site page--results">
      <SiteHeader current="results" />
      <main className="results" id="main">
        <header className="results__head">
          <div>
            <p className="eyebrow">Results · room {room.code}</p>
            <h1 className="results__title">{room.title}</h1>
            <p className="results__meta">
              <time dateTime={when.toISOString()}>{formatDate(when)}</time> · {players.length}{' '}
              {players.length === 1 ? 'player' : 'players'} · {played.length}{' '}
              {played.length === 1 ? 'question' : 'questions'}
              {overall !== null ? ` · ${overall}% answered correctly` : ''}
            </p>
          </div>
          <div className="results__actions no-print">
            <PrintButton />
            <a
              className="btn btn--secondary"
              href={`/api/rooms/${room.code}/export?format=csv&rows=players`}
              data-testid="export-players-csv"
            >
              CSV · players
            </a>
            <a
              className="btn btn--secondary"
              href={`/api/rooms/${room.code}/export?format=csv&rows=answers`}
              data-testid="export-answers-csv"
            >
              CSV · answers
            </a>
            <a
              className="btn btn--secondary"
              href={`/api/rooms/${room.code}/export?format=json`}
              data-testid="export-json"
            >
              JSON
            </a>
            <Link href={`/?deck=${encodeURIComponent(room.deckId)}`} className="btn btn--primary">
              Play this deck again
            </Link>
          </div>
        </header>

        {STATUS_NOTE[room.status] ? <p className="notice">{STATUS_NOTE[room.status]}</p> : null}

        {players.length > 0 ? (
          <section className="results__podium" aria-label="Podium">
            <Podium
              entries={players.slice(0, 3).map((p) => ({
                id: p.id,
                nickname: p.nickname,
                score: p.score,
                rank: p.rank,
                detail: `${p.correctCount}/${p.answeredCount} correct`,
              }))}
            />
          </section>
        ) : null}

        {teams.length > 0 ? (
          <section className="results__section" aria-labelledby="teams-title">
            <h2 id="teams-title" className="section-title">
              Teams
            </h2>
            <p className="muted">A team scores the average of its members, so uneven teams play fair.</p>
            <TableWrap label="Team ranking">
              <table className="table" data-testid="results-teams">
                <TableHead
                  columns={[
                    { label: '#', num: true },
                    { label: 'Team' },
                    { label: 'Players', num: true },
                    { label: 'Average score', num: true },
                  ]}
                />
                <tbody>
                  {teams.map((t) => (
                    <tr key={t.team} data-testid="results-team" data-team={t.name} data-rank={t.rank}>
                      <td className="num">
                        <RankDot rank={t.rank} />
                      </td>
                      <th scope="row">
                        <TeamSwatch team={t.team} /> {t.name}
                      </th>
                      <td className="num">{t.size}</td>
                      <td className="num strong">{t.score.toLocaleString('en-US')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
        ) : null}

        <section className="results__section" aria-labelledby="ranking-title">
          <h2 id="ranking-title" className="section-title">
            Ranking
          </h2>
          {players.length === 0 ? (
            <p className="muted">Nobody joined this game.</p>
          ) : (
            <TableWrap label="Ranking table">
              <table className="table" data-testid="results-table">
                <TableHead
                  columns={[
                    { label: '#', num: true },
                    { label: 'Player' },
                    { label: 'Score', num: true },
                    { label: 'Correct / answered', num: true },
                    { label: 'Accuracy', num: true },
                  ]}
                />
                <tbody>
                  {players.map((p) => {
                    const acc = pct(p.correctCount, p.answeredCount);
                    return (
                      <tr
                        key={p.id}
                        data-testid="results-row"
                        data-nickname={p.nickname}
                        data-rank={p.rank}
                        data-score={p.score}
                      >
                        <td className="num">
                          <RankDot rank={p.rank} />
                        </td>
                        <th scope="row">{p.nickname}</th>
                        <td className="num strong">{p.score.toLocaleString('en-US')}</td>
                        <td className="num">
                          {p.correctCount} / {p.answeredCount}
                        </td>
                        <td className="num">{acc === null ? '–' : `${acc}%`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>

        {hardest.length > 0 ? (
          <section className="results__section" aria-labelledby="study-title">
            <h2 id="study-title" className="section-title">
              Study next
            </h2>
            <p className="muted">The questions the room found hardest.</p>
            <ol className="study-list">
              {hardest.map((q) => (
                <li key={q.index}>
                  <span className="study-list__pct">{pct(q.correct, q.answered)}%</span>
                  <span className="study-list__prompt">
                    <RichText html={promptHtml.get(q.index)}>{q.prompt}</RichText>
                  </span>
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        {sheet.length > 0 ? (
          <section className="results__section" aria-labelledby="sheet-title">
            <h2 id="sheet-title" className="section-title">
              Study sheet
            </h2>
            <p className="muted">
              Each question with its reference answer, the key ideas a full answer covers and what the room most
              often got wrong; on the device you played on, your own answers too.
            </p>
            <StudySheet code={room.code} items={sheet} />
          </section>
        ) : null}

        <section className="results__section" aria-labelledby="questions-title">
          <h2 id="questions-title" className="section-title">
            Questions
          </h2>
          {asked.length === 0 ? (
            <p className="muted">No questions were asked.</p>
          ) : (
            <ol className="qstats">
              {asked.map((q) => {
                const p = pct(q.correct, q.answered);
                return (
                  <li
                    key={q.index}
                    className={`qstat ${q.skipped ? 'qstat--skipped' : ''}`}
                    data-testid="question-stat"
                  >
                    <span className="qstat__num">{q.index + 1}</span>
                    <div className="qstat__body">
                      <p className="qstat__prompt">
                        <RichText html={promptHtml.get(q.index)}>{q.prompt}</RichText>
                      </p>
                      <p className="qstat__meta muted">
                        {q.kind === 'choice' ? 'Multiple choice' : 'Open text'} ·{' '}
                        {q.skipped ? 'skipped' : `${q.correct} of ${q.answered} correct`}
                      </p>
                      {!q.skipped ? (
                        <div className="qstat__bar" aria-hidden="true">
                          <span style={{ width: `${p ?? 0}%` }} />
                        </div>
                      ) : null}
                    </div>
                    <span className="qstat__pct">{q.skipped ? 'skipped' : p === null ? '–' : `${p}%`}</span>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </main>
    </div>
  );
}
