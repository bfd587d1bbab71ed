'use client';

import { useEffect, useState } from 'react';
import { getStoredProfile } from '@/client/profile';
import { getPlayer } from '@/client/storage';
import { RichText } from '@/components/ui/RichText';
import './study.css';

/** One question of the sheet, as the server built it (src/server/services/study.ts). */
export interface StudySheetEntry {
  index: number;
  prompt: string;
  promptHtml?: string;
  kind: string;
  skipped: boolean;
  reference: string | null;
  referenceHtml?: string;
  keyIdeas: string[];
  accepted: string[];
  wrong: { text: string; count: number }[];
  answered: number;
  correct: number;
}

interface MyAnswer {
  questionIndex: number;
  answer: string;
  verdict: string;
  points: number;
  overridden: boolean;
}

const VERDICT: Record<string, string> = { correct: 'right', partial: 'partly right', incorrect: 'not right' };

/**
 * Finds this device's own answers: the seat kept when it played (its rejoin token), else the profile kept in
 * this browser. Nothing is sent when there is neither.
 */
function useMyAnswers(code: string): Map<number, MyAnswer> | null {
  const [mine, setMine] = useState<Map<number, MyAnswer> | null>(null);
  useEffect(() => {
    const seat = getPlayer(code);
    const profile = getStoredProfile();
    const body = seat
      ? { playerId: seat.playerId, rejoinToken: seat.rejoinToken }
      : profile
        ? { profileToken: profile.recoveryCode }
        : null;
    if (!body) return;
    let live = true;
    void fetch(`/api/rooms/${encodeURIComponent(code)}/my-answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then((r) => (r.ok ? (r.json() as Promise<{ answers: MyAnswer[] }>) : null))
      .then((data) => {
        if (live && data) setMine(new Map(data.answers.map((a) => [a.questionIndex, a])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code]);
  return mine;
}

/**
 * The study sheet: for each question the reference answer, its key ideas in plain words, what the room most
 * often got wrong and, on the device that played, your own answer. Printable (study.css has the print rules).
 */
export function StudySheet({ code, items }: { code: string; items: StudySheetEntry[] }) {
  const mine = useMyAnswers(code);
  return (
    <ol className="sheet" data-testid="study-sheet">
      {items.map((q) => {
        const my = mine?.get(q.index);
        return (
          <li key={q.index} className="sheet__item" data-testid="study-item">
            <h3 className="sheet__prompt">
              <span className="sheet__num">{q.index + 1}.</span>{' '}
              <RichText html={q.promptHtml}>{q.prompt}</RichText>
            </h3>
            <p className="sheet__meta muted">
              {q.skipped ? 'Skipped in the game' : `${q.correct} of ${q.answered} got it right`}
            </p>
            {q.reference !== null ? (
              <div className="sheet__block">
                <h4 className="sheet__label">Reference answer</h4>
                <RichText html={q.referenceHtml} block className="sheet__reference">
                  <p className="sheet__reference">{q.reference}</p>
                </RichText>
              </div>
            ) : (
              <p className="muted">This card is no longer in the deck.</p>
            )}
            {q.keyIdeas.length > 0 ? (
              <div className="sheet__block">
                <h4 className="sheet__label">Key ideas</h4>
                <ul className="sheet__ideas" data-testid="study-ideas">
                  {q.keyIdeas.map((idea) => (
                    <li key={idea}>{idea}</li>
                  ))}
                </ul>
                {q.accepted.length > 0 ? (
                  <p className="sheet__accepted">
                    Also accepted: {q.accepted.map((a, i) => (
                      <span key={a}>
                        {i > 0 ? ', ' : ''}
                        <q>{a}</q>
                      </span>
                    ))}
                  </p>
                ) : null}
              </div>
            ) : null}
            {q.wrong.length > 0 ? (
              <div className="sheet__block">
                <h4 className="sheet__label">Most common wrong answers</h4>
                <ul className="sheet__wrong" data-testid="study-wrong">
                  {q.wrong.map((w) => (
                    <li key={w.text}>
                      <q>{w.text}</q> <span className="muted">× {w.count}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {mine ? (
              <div className={`sheet__mine sheet__mine--${my?.verdict ?? 'none'}`} data-testid="study-mine">
                <h4 className="sheet__label">Your answer</h4>
                {my ? (
                  <p>
                    <q>{my.answer}</q> · {VERDICT[my.verdict] ?? my.verdict}
                    {my.overridden ? ' (the host’s call)' : ''} · {my.points.toLocaleString('en-US')} pts
                  </p>
                ) : (
                  <p className="muted">You did not answer this one.</p>
                )}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
