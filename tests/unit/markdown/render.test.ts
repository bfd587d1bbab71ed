import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerToMarkdown, renderBlock, renderInline } from '../../../src/server/markdown';

/** Every tag name and attribute name in an HTML string. */
function tagsAndAttributes(html: string): { tags: Set<string>; attrs: Set<string>; urls: string[] } {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  const urls: string[] = [];
  for (const m of html.matchAll(/<([a-z0-9]+)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    tags.add((m[1] ?? '').toLowerCase());
    for (const a of (m[2] ?? '').matchAll(/\s+([^\s=>"]+)(?:="([^"]*)")?/g)) {
      const name = (a[1] ?? '').toLowerCase();
      attrs.add(name);
      if (name === 'href' || name === 'src') urls.push(a[2] ?? '');
    }
  }
  return { tags, attrs, urls };
}

/** Links and images may only point to http(s) (and links to mailto). */
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'hr', 'a', 'img', 'span']);

describe('renderInline', () => {
  it('renders inline code, emphasis and links without a wrapping paragraph', () => {
    expect(renderInline('What does `kubectl get pods` *really* list?')).toBe(
      'What does <code>kubectl get pods</code> <em>really</em> list?',
    );
    expect(renderInline('See [the docs](https://kubernetes.io/docs)')).toBe(
      'See <a href="https://kubernetes.io/docs" rel="noopener noreferrer nofollow" target="_blank">the docs</a>',
    );
  });

  it('returns nothing for plain text, so plain cards cost no extra bytes', () => {
    expect(renderInline('What is a Service?')).toBeUndefined();
    expect(renderInline('1. What is DNS?')).toBeUndefined();
    expect(renderInline('- a choice that starts with a dash')).toBeUndefined();
    expect(renderInline('x')).toBeUndefined();
  });

  it('renders a choice that is all code', () => {
    expect(renderInline('`3`')).toBe('<code>3</code>');
    expect(renderInline('_x_ first')).toBe('<em>x</em> first');
    expect(renderInline('~~~ tildes')).toBeUndefined();
    expect(renderInline('> not a quote')).toBeUndefined();
    expect(renderInline('---')).toBeUndefined();
    expect(renderInline('* not a list')).toBeUndefined();
  });

  it('keeps a question that looks like a list or a heading on one line of text', () => {
    expect(renderInline('1. What does `ls` do?')).toBe('1. What does <code>ls</code> do?');
    expect(renderInline('# of pods with `kubectl`?')).toBe('# of pods with <code>kubectl</code>?');
  });
});

describe('renderBlock', () => {
  it('highlights fenced code in every language decks need, inside a scrolling box', () => {
    for (const [lang, code] of [
      ['yaml', 'kind: Pod'],
      ['sh', 'kubectl get pods -o wide'],
      ['json', '{"a": 1}'],
      ['sql', 'SELECT * FROM t WHERE id = 1;'],
      ['go', 'func main() {}'],
      ['python', 'def f(x):\n    return x'],
      ['typescript', 'const x: number = 1;'],
    ] as const) {
      const html = renderBlock(`\`\`\`${lang}\n${code}\n\`\`\``) ?? '';
      expect(html, lang).toMatch(/^<pre class="code code--hl" data-lang="[a-z]+" tabindex="0"><code>/);
      expect(html, lang).toContain('--shiki-dark:');
      expect(html.replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"')).toBe(code);
    }
  });

  it('shows an unknown or missing language as plain code, escaped', () => {
    expect(renderBlock('```brainfuck\n<b>+</b>\n```')).toBe(
      '<pre class="code code--plain" tabindex="0"><code>&#x3C;b>+&#x3C;/b></code></pre>',
    );
  });

  it('renders lists, line breaks and stored bullets', () => {
    expect(renderBlock(answerToMarkdown('Two kinds:\n• **ClusterIP**\n• NodePort'))).toBe(
      '<p>Two kinds:</p>\n<ul>\n<li><strong>ClusterIP</strong></li>\n<li>NodePort</li>\n</ul>',
    );
    expect(renderBlock('first\nsecond', { always: true })).toBe('<p>first<br>\nsecond</p>');
    expect(renderBlock('first\nsecond')).toBeUndefined();
  });

  it('does not turn bullets inside code into list items', () => {
    expect(answerToMarkdown('```yaml\n• keep\n```\n• item')).toBe('```yaml\n• keep\n```\n- item');
  });

  it('turns headings into bold paragraphs', () => {
    expect(renderBlock('## Why')).toBe('<p><strong>Why</strong></p>');
  });
});

describe('sanitising', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](data:image/png;base64,AAAA)',
    '![x](javascript:alert(1))',
    '![x](/relative.png)',
    '[x](/host/ABCDEF)',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="position:fixed" onclick="alert(1)">x</div>',
    '<svg onload=alert(1)>',
    '<style>body{display:none}</style>',
    '<form action="https://evil.example"><input name=a></form>',
    '[x](https://ok.example "t" onmouseover=alert(1))',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
  ];

  it.each(attacks)('refuses %s', (md) => {
    for (const html of [renderBlock(md, { always: true }) ?? '', renderInline(md, { always: true }) ?? '']) {
      expect(html).not.toMatch(/<script|<iframe|<svg|<style|<form|<input|<div/i);
      const { attrs, urls } = tagsAndAttributes(html);
      expect([...attrs].filter((a) => a.startsWith('on'))).toEqual([]);
      for (const u of urls) expect(u).toMatch(SAFE_URL);
      expect(html).not.toMatch(/style="(?!--shiki)/);
    }
  });

  it('keeps only safe tags and attributes, whatever the input (fuzzed)', () => {
    const pieces = fc.constantFrom(
      '<', '>', '"', "'", '`', '```', '\n', ' ', '[', ']', '(', ')', '!', '*', '_', '#', '-', '1.', '|', '\\',
      'javascript:', 'https://e.x/', 'data:', 'on', 'onerror=', 'script', 'img', 'a', 'href=', 'src=', 'style=',
      'alert(1)', '&#106;', '&lt;', 'yaml', 'x',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')), (md) => {
        for (const html of [renderBlock(md, { always: true }) ?? '', renderInline(md, { always: true }) ?? '']) {
          const { tags, attrs, urls } = tagsAndAttributes(html);
          for (const t of tags) expect(ALLOWED_TAGS.has(t), `tag ${t} in ${html}`).toBe(true);
          for (const a of attrs) {
            expect(['href', 'src', 'alt', 'title', 'rel', 'target', 'loading', 'decoding', 'referrerpolicy', 'class', 'style', 'data-lang', 'tabindex', 'start'], `${a} in ${html}`).toContain(a);
          }
          for (const u of urls) expect(u).toMatch(SAFE_URL);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives links rel="noopener noreferrer nofollow" and images lazy loading without a referrer', () => {
    expect(renderBlock('![diagram](https://example.com/d.png)')).toBe(
      '<p><img src="https://example.com/d.png" alt="diagram" loading="lazy" decoding="async" referrerpolicy="no-referrer"></p>',
    );
  });
});
