import type { Metadata } from 'next';
import { HostView } from '@/components/host/HostView';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  return { title: `Host ${code.toUpperCase()}`, robots: { index: false } };
}

export default async function HostPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <HostView code={decodeURIComponent(code).toUpperCase()} />;
}
