import Link from 'next/link';
import { Brand } from './Brand';

type Section = 'home' | 'join' | 'decks' | 'results' | 'groups' | 'me' | null;

/** Header of the "site" pages (home, join, decks, results); the game views have their own chrome. */
export function SiteHeader({ current = null }: { current?: Section }) {
  const link = (href: string, label: string, section: Section) => (
    <Link href={href} className="site-nav__link" aria-current={current === section ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <header className="site-header">
      <Brand />
      <nav className="site-nav" aria-label="Main">
        {link('/', 'Host', 'home')}
        {link('/join', 'Join', 'join')}
        {link('/decks', 'Decks', 'decks')}
        {link('/groups', 'Groups', 'groups')}
        {link('/me', 'Me', 'me')}
      </nav>
    </header>
  );
}
