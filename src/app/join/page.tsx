import type { Metadata } from 'next';
import { JoinForm } from '@/components/home/JoinForm';
import { SiteHeader } from '@/components/ui/SiteHeader';

export const metadata: Metadata = { title: 'Join a game' };

export default async function JoinPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const code = typeof params.code === 'string' ? params.code : '';
  return (
    <div className="page page--site">
      <SiteHeader current="join" />
      <main className="join-page" id="main">
        <h1 className="join-page__title">Join a game</h1>
        <p className="join-page__lead">Type the room code shown on the big screen.</p>
        <JoinForm initialCode={code} big autoFocus />
      </main>
    </div>
  );
}
