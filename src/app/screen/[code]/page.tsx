import type { Metadata } from 'next';
import { ScreenView } from '@/components/screen/ScreenView';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  return { title: `Big screen ${code.toUpperCase()}`, robots: { index: false } };
}

export default async function ScreenPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ScreenView code={decodeURIComponent(code).toUpperCase()} />;
}
