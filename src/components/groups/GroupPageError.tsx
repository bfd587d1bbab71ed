import Link from 'next/link';
import type { ReactElement } from 'react';
import { isServiceError } from '@/server/errors';
import { SiteHeader } from '@/components/ui/SiteHeader';
import { StatusScreen } from '@/components/ui/StatusScreen';

/** Runs a group page's load; a missing group or a bad parameter becomes a page, not a crash. */
export async function loadOrPage<T>(load: () => Promise<T>): Promise<{ data: T; page: null } | { data: null; page: ReactElement }> {
  try {
    return { data: await load(), page: null };
  } catch (e) {
    const status = isServiceError(e) ? e.status : 500;
    const message = isServiceError(e) ? e.message : 'The page could not be loaded.';
    return {
      data: null,
      page: (
        <div className="page page--site">
          <SiteHeader />
          <main className="boards" id="main">
            <StatusScreen
              tone={status === 404 ? 'warn' : 'error'}
              title={status === 404 ? 'Not found' : status === 400 ? 'That link is not quite right' : 'Something went wrong'}
              testId="group-error"
              actions={
                <Link href="/groups" className="btn btn--primary">
                  My groups
                </Link>
              }
            >
              <p>{message}</p>
            </StatusScreen>
          </main>
        </div>
      ),
    };
  }
}
