import type { Metadata } from 'next';
import { PlayerView } from '@/components/player/PlayerView';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  return { title: `Play ${code.toUpperCase()}`, robots: { index: false } };
}

export default async function PlayPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <PlayerView code={decodeURIComponent(code).toUpperCase()} />;
}
