import type { ReactNode } from 'react';

/**
 * A deck's reference answer as study material: paragraphs from blank lines, bullet lists from "* " / "- "
 * lines, single newlines kept as line breaks.
 */
export function StudyText({
  text,
  className = 'study',
  testId,
}: {
  text: string;
  className?: string;
  testId?: string;
}) {
  const blocks: ReactNode[] = [];
  let para: string[] = [];
  let items: string[] = [];
  const flushPara = () => {
    if (para.length > 0) {
      const lines = para;
      blocks.push(
        <p key={`p${blocks.length}`}>
          {lines.map((l, i) => (
            <span key={i}>
              {i > 0 ? <br /> : null}
              {l}
            </span>
          ))}
        </p>,
      );
      para = [];
    }
  };
  const flushList = () => {
    if (items.length > 0) {
      blocks.push(
        <ul key={`u${blocks.length}`}>
          {items.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>,
      );
      items = [];
    }
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const bullet = /^(?:[*\-•]|\d+[.)])\s+(.*)$/.exec(line);
    if (line === '') {
      flushPara();
      flushList();
    } else if (bullet) {
      flushPara();
      items.push(bullet[1] ?? '');
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return (
    <div className={className} data-testid={testId}>
      {blocks}
    </div>
  );
}
