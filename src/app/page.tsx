import type { Metadata } from 'next';
import { HostForm } from '@/components/home/HostForm';
import { JoinForm } from '@/components/home/JoinForm';
import { SiteHeader } from '@/components/ui/SiteHeader';

export const metadata: Metadata = {
  title: 'Quizroom – live quiz games for interview prep',
};

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const deck = typeof params.deck === 'string' ? params.deck : undefined;
  const group = typeof params.group === 'string' ? params.group : undefined;
  return (
    <div className="page page--site">
      <SiteHeader current="home" />
      <main className="home" id="main">
        <section className="home__hero">
          <h1 className="home__title">
            Live quiz battles for <span className="grad-text">interview prep</span>
          </h1>
          <p className="home__lead">
            Put a deck on the big screen, everyone answers on their phone, and the answers turn into study
            notes.
          </p>
        </section>
        <div className="home__panels">
          <section className="panel home__host" aria-labelledby="host-heading">
            <h2 id="host-heading" className="panel__title">
              <span className="panel__icon" aria-hidden="true">
                ▶
              </span>
              Host a game
            </h2>
            <HostForm initialDeck={deck} initialGroup={group} />
          </section>
          <section className="panel home__join" aria-labelledby="join-heading">
            <h2 id="join-heading" className="panel__title">
              <span className="panel__icon panel__icon--alt" aria-hidden="true">
                #
              </span>
              Join a game
            </h2>
            <p className="panel__text">Enter the code from the big screen.</p>
            <JoinForm />
            <ol className="how">
              <li>
                <strong>Host</strong> creates a room and opens the big screen.
              </li>
              <li>
                <strong>Players</strong> scan the QR code or type the code.
              </li>
              <li>
                <strong>Everyone</strong> answers live, then studies the reveal.
              </li>
            </ol>
          </section>
        </div>
      </main>
    </div>
  );
}
