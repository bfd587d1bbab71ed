import type { Metadata } from 'next';
import Link from 'next/link';
import { DeckIdSchema } from '@/decks/types';
import { getServices } from '@/server/services/container';
import type { DeckPage } from '@/server/services/decks';
import { DeckView } from '@/components/decks/DeckView';
import { SiteHeader } from '@/components/ui/SiteHeader';
import { StatusScreen } from '@/components/ui/StatusScreen';
import '@/components/groups/boards.css';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

async function load(raw: string): Promise<DeckPage | null> {
  const id = DeckIdSchema.safeParse(decodeURIComponent(raw));
  return id.success ? getServices().decks.page(id.data) : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const page = await load((await params).id);
  return { title: page ? page.title : 'Deck not found' };
}

/** One deck: its cards rendered on the server as players see them; the owner edits here (`#edit=<token>`). */
export default async function DeckRoute({ params }: Params) {
  const page = await load((await params).id);
  return (
    <div className="page page--site">
      <SiteHeader current="decks" />
      <main className="decks-page" id="main">
        {page ? (
          <DeckView initial={page} />
        ) : (
          <StatusScreen
            tone="warn"
            title="No such deck"
            actions={
              <Link href="/decks" className="btn btn--primary">
                All decks
              </Link>
            }
          >
            <p>This deck does not exist or was deleted. Games played with it keep their results.</p>
          </StatusScreen>
        )}
      </main>
    </div>
  );
}
