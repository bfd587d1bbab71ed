import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Root as MdRoot, RootContent as MdContent } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkBreaks from 'remark-breaks';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { codeLanguage, highlightCode } from './highlight';
import { RICH_SCHEMA } from './schema';

/**
 * Deck Markdown to HTML, on the server only (docs/DECKS.md "Markdown"): the phones and the big screen get
 * finished HTML in the room's messages and never load a Markdown parser or a highlighter.
 *
 * The pipeline is remark (CommonMark) -> rehype -> rehype-sanitize with an allow-list -> Shiki for fenced
 * code -> HTML. Raw HTML in the source is never passed through: remark-rehype drops it, and the sanitizer
 * would remove anything that got past (scripts, event handlers, `javascript:` URLs, styles).
 */

/** Nodes of plain text: a deck text made only of these needs no HTML (the clients show it as text). */
const PLAIN_BLOCK = new Set(['root', 'paragraph', 'text', 'break', 'list', 'listItem']);

/** Does the tree hold anything that plain text cannot show (code, emphasis, links, images, quotes)? */
function hasMarkup(node: MdRoot | MdContent, plain: ReadonlySet<string>): boolean {
  if (!plain.has(node.type)) return true;
  return 'children' in node && node.children.some((c) => hasMarkup(c, plain));
}

/** Headings inside a card would break the page outline: they become a bold paragraph. */
function flattenHeadings(tree: HastRoot): void {
  const visit = (nodes: (HastContent | ElementContent)[]): void => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      if (/^h[1-6]$/.test(n.tagName)) {
        const strong: Element = { type: 'element', tagName: 'strong', properties: {}, children: n.children };
        n.tagName = 'p';
        n.properties = {};
        n.children = [strong];
      } else visit(n.children);
    }
  };
  visit(tree.children);
}

const ABSOLUTE_LINK = /^(?:https?:\/\/[^/\s]|mailto:)/i;
const ABSOLUTE_IMAGE = /^https?:\/\/[^/\s]/i;

/** After sanitising: links open outside the game page, images load lazily without a referrer. */
function finishElements(tree: HastRoot): void {
  const visit = (nodes: (HastContent | ElementContent)[], parent: Element | null): void => {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (!n || n.type !== 'element') continue;
      if (n.tagName === 'a') {
        if (!ABSOLUTE_LINK.test(String(n.properties.href ?? ''))) {
          // A relative link would point into Quizroom itself: keep its text only.
          nodes.splice(i, 1, ...n.children);
          i -= 1;
          continue;
        }
        n.properties = { ...n.properties, rel: ['noopener', 'noreferrer', 'nofollow'], target: '_blank' };
      } else if (n.tagName === 'img') {
        if (!ABSOLUTE_IMAGE.test(String(n.properties.src ?? ''))) {
          const alt = String(n.properties.alt ?? '');
          nodes.splice(i, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
          i -= 1;
          continue;
        }
        n.properties = { ...n.properties, loading: 'lazy', decoding: 'async', referrerPolicy: 'no-referrer' };
      } else if (n.tagName === 'pre' && parent === null) {
        const code = n.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
        if (code) {
          const text = code.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
          nodes[i] = highlightCode(text, codeLanguage(code.properties.className));
          continue;
        }
      }
      visit(n.children, n);
    }
  };
  // Fenced blocks are top-level (or inside list items / quotes): search everywhere, highlight where found.
  const walk = (nodes: (HastContent | ElementContent)[]): void => {
    visit(nodes, null);
    for (const n of nodes) if (n.type === 'element' && n.tagName !== 'pre') walk(n.children);
  };
  walk(tree.children);
}

/** Keeps only the children of a lone paragraph: inline text (a question line, a choice) has no blocks. */
function unwrapParagraph(tree: HastRoot): void {
  const elements = tree.children.filter((c) => c.type === 'element');
  const only = elements[0];
  if (elements.length === 1 && only?.tagName === 'p') tree.children = only.children;
}

const blockProcessor = unified()
  .use(remarkParse)
  .use(remarkBreaks)
  .use(remarkRehype)
  .use(() => flattenHeadings)
  .use(rehypeSanitize, RICH_SCHEMA)
  .use(() => finishElements)
  .use(rehypeStringify)
  .freeze();

const inlineProcessor = unified()
  .use(remarkParse)
  .use(remarkRehype)
  .use(rehypeSanitize, RICH_SCHEMA)
  .use(() => finishElements)
  .use(() => unwrapParagraph)
  .use(rehypeStringify)
  .freeze();

/**
 * Text that Markdown would read as a block (`1. What…`, `- foo`, `# bar`, `> quote`, a fence, a rule) is
 * escaped to stay one line of text; emphasis and code at the start (`*really*`, `` `3` ``) still render.
 */
function escapeBlockStart(text: string): string {
  const t = text.trimStart();
  if (/^([-*_])(\s*\1){2,}\s*$/.test(t)) return `\\${t}`;
  return t
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([-+*]|#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^(>|`{3,}|~{3,})/, '\\$1');
}

/** The stored answer keeps bullets as `• item` (docs/DECKS.md); Markdown lists them as `- item`. */
export function answerToMarkdown(answer: string): string {
  let fence: string | null = null;
  return answer
    .split('\n')
    .map((line) => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (f && (fence === null || (f[0] === fence[0] && f.length >= fence.length))) {
        fence = fence === null ? f : null;
        return line;
      }
      if (fence !== null) return line;
      return line.replace(/^(\s*)• ?/, '$1- ');
    })
    .join('\n');
}

export interface RenderOptions {
  /** Return the HTML even when the text has no markup (the deck page always shows HTML). */
  always?: boolean;
}

/**
 * Renders block Markdown (a reference answer, the code under a question) to sanitised HTML.
 * @returns the HTML, or undefined when the text has no markup and `always` is not set (plain text shows the same)
 */
export function renderBlock(markdown: string, opts: RenderOptions = {}): string | undefined {
  if (markdown.trim() === '') return undefined;
  const tree = blockProcessor.parse(markdown);
  if (!opts.always && !hasMarkup(tree, PLAIN_BLOCK)) return undefined;
  return blockProcessor.stringify(blockProcessor.runSync(tree)).trim();
}

/**
 * Renders one line of inline Markdown (a question, a choice, a short answer) to sanitised HTML without
 * a wrapping paragraph.
 * @returns the HTML, or undefined when the line has no markup and `always` is not set
 */
export function renderInline(text: string, opts: RenderOptions = {}): string | undefined {
  if (text.trim() === '') return undefined;
  const source = escapeBlockStart(text.replace(/\s*\n\s*/g, ' '));
  const tree = inlineProcessor.parse(source);
  const para = tree.children.length === 1 && tree.children[0]?.type === 'paragraph' ? tree.children[0] : null;
  const plain =
    para !== null &&
    para.children.every((c) => c.type === 'text') &&
    para.children.map((c) => (c.type === 'text' ? c.value : '')).join('') === text.trim();
  if (!opts.always && plain) return undefined;
  return inlineProcessor.stringify(inlineProcessor.runSync(tree)).trim();
}

export { answerToMarkdown as storedAnswerToMarkdown };
export { HIGHLIGHTED_LANGUAGES } from './highlight';
