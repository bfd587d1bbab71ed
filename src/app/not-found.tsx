import Link from 'next/link';
import { SiteHeader } from '@/components/ui/SiteHeader';
import { StatusScreen } from '@/components/ui/StatusScreen';

export default function NotFound() {
  return (
    <div className="page page--site">
      <SiteHeader />
      <main id="main" className="notfound">
        <StatusScreen
          tone="warn"
          title="Page not found"
          actions={
            <>
              <Link href="/" className="btn btn--primary">
                Host a game
              </Link>
              <Link href="/join" className="btn btn--secondary">
                Join a game
              </Link>
            </>
          }
        >
          <p>That address doesn&apos;t lead anywhere. If you were joining a game, check the room code.</p>
        </StatusScreen>
      </main>
    </div>
  );
}
