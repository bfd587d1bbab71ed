import type { Metadata } from 'next';
import { DeckLibrary } from '@/components/decks/DeckLibrary';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';

export const metadata: Metadata = { title: 'Decks' };

export default function DecksPage() {
  return (
    <div className="page page--site">
      <SiteHeader current="decks" />
      <main className="decks-page" id="main">
        <h1 className="page-title">Question decks</h1>
        <p className="page-lead">
          Play a built-in deck or bring your own interview questions: paste or upload Markdown, preview every card as
          players will see it, try answers, then import.
        </p>
        <DeckLibrary />
      </main>
    </div>
  );
}
