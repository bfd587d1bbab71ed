import type { Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * What deck Markdown may become: text formatting, lists, quotes, code, links and images, nothing else.
 * No `style`, no `id`/`name` (nothing to clobber), no event handlers, no iframes or forms. Links may only
 * go to http(s) and mailto, images only come from http(s) (no `data:` or `javascript:`).
 */
export const RICH_SCHEMA: SanitizeSchema = {
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'select'],
  tagNames: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'blockquote',
    'hr',
    'a',
    'img',
  ],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    code: [['className', /^language-[\w+#.-]{1,30}$/]],
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
  required: {},
  clobberPrefix: '',
  clobber: [],
  allowComments: false,
  allowDoctypes: false,
};
