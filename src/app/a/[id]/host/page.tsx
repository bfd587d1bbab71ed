import type { Metadata } from 'next';
import { AssignmentHost } from '@/components/assign/AssignmentHost';
import { SiteHeader } from '@/components/ui/SiteHeader';

export const metadata: Metadata = { title: 'Assignment progress', robots: { index: false } };

/** The host's live progress of a self-paced assignment (the host key travels in the URL fragment). */
export default async function AssignmentHostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="page page--site">
      <SiteHeader />
      <main className="boards" id="main">
        <AssignmentHost assignmentId={decodeURIComponent(id)} />
      </main>
    </div>
  );
}
