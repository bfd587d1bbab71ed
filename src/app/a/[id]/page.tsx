import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AssignmentPlayer } from '@/components/assign/AssignmentPlayer';
import { PathIdSchema } from '@/protocol/boards';
import { getServices } from '@/server/services/container';

export const dynamic = 'force-dynamic';

async function load(raw: string) {
  const id = PathIdSchema.safeParse(decodeURIComponent(raw));
  return id.success ? getServices().assignments.summary(id.data) : null;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const a = await load((await params).id);
  return { title: a ? `${a.title} · self-paced` : 'Assignment', robots: { index: false } };
}

/** A self-paced assignment on the player's phone (docs/ASSIGNMENTS.md). */
export default async function AssignmentPage({ params }: { params: Promise<{ id: string }> }) {
  const a = await load((await params).id);
  if (!a) notFound();
  return <AssignmentPlayer assignmentId={a.id} title={a.title} total={a.total} deadline={a.deadline} timerSec={a.timerSec} />;
}
