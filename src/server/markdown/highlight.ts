import type { Element } from 'hast';
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import bash from 'shiki/langs/bash.mjs';
import c from 'shiki/langs/c.mjs';
import cpp from 'shiki/langs/cpp.mjs';
import css from 'shiki/langs/css.mjs';
import diff from 'shiki/langs/diff.mjs';
import dockerfile from 'shiki/langs/dockerfile.mjs';
import go from 'shiki/langs/go.mjs';
import html from 'shiki/langs/html.mjs';
import ini from 'shiki/langs/ini.mjs';
import java from 'shiki/langs/java.mjs';
import javascript from 'shiki/langs/javascript.mjs';
import json from 'shiki/langs/json.mjs';
import python from 'shiki/langs/python.mjs';
import rust from 'shiki/langs/rust.mjs';
import shellscript from 'shiki/langs/shellscript.mjs';
import sql from 'shiki/langs/sql.mjs';
import toml from 'shiki/langs/toml.mjs';
import tsx from 'shiki/langs/tsx.mjs';
import typescript from 'shiki/langs/typescript.mjs';
import yaml from 'shiki/langs/yaml.mjs';
import githubDark from 'shiki/themes/github-dark-default.mjs';
import githubLight from 'shiki/themes/github-light-default.mjs';

/**
 * Syntax highlighting of fenced code with Shiki (VS Code's TextMate grammars), on the server.
 *
 * The languages are loaded up front with the JavaScript regex engine, so highlighting is synchronous and
 * needs no WebAssembly. Two themes are emitted as CSS variables (`--shiki-dark`, `--shiki-light`): the
 * game's dark pages use one and printed results the other (src/components/ui/RichText.css).
 */

const LANGS = [bash, c, cpp, css, diff, dockerfile, go, html, ini, java, javascript, json, python, rust, shellscript, sql, toml, tsx, typescript, yaml];

let highlighter: HighlighterCore | null = null;
function shiki(): HighlighterCore {
  highlighter ??= createHighlighterCoreSync({
    themes: [githubDark, githubLight],
    langs: LANGS,
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** Fence names a deck may use, with the grammar each maps to (common spellings and aliases). */
const ALIASES: Record<string, string> = {
  sh: 'shellscript',
  shell: 'shellscript',
  zsh: 'shellscript',
  console: 'shellscript',
  bash: 'bash',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  sql: 'sql',
  psql: 'sql',
  postgres: 'sql',
  postgresql: 'sql',
  go: 'go',
  golang: 'go',
  py: 'python',
  python: 'python',
  python3: 'python',
  ts: 'typescript',
  typescript: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  javascript: 'javascript',
  jsx: 'tsx',
  mjs: 'javascript',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  'c++': 'cpp',
  css: 'css',
  diff: 'diff',
  patch: 'diff',
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  html: 'html',
  ini: 'ini',
  conf: 'ini',
  java: 'java',
  rust: 'rust',
  rs: 'rust',
  toml: 'toml',
};

/** The languages a fence can name (docs/DECKS.md lists them). */
export const HIGHLIGHTED_LANGUAGES: readonly string[] = Object.keys(ALIASES).sort();

/** The grammar for a `<code class="language-x">`, or null for plain text (unknown or no language). */
export function codeLanguage(className: unknown): string | null {
  const classes = Array.isArray(className) ? className : typeof className === 'string' ? [className] : [];
  for (const cls of classes) {
    const m = /^language-(.+)$/.exec(String(cls));
    if (m?.[1]) return ALIASES[m[1].toLowerCase()] ?? null;
  }
  return null;
}

/**
 * One code block as a `<pre>` element. Unknown languages are shown as plain text in the same box, never
 * guessed (a wrong guess colours prose oddly).
 */
export function highlightCode(code: string, lang: string | null): Element {
  const text = code.replace(/\n$/, '');
  if (lang === null) {
    return {
      type: 'element',
      tagName: 'pre',
      properties: { className: ['code', 'code--plain'], tabIndex: 0 },
      children: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: text }] }],
    };
  }
  const root = shiki().codeToHast(text, {
    lang,
    themes: { dark: 'github-dark-default', light: 'github-light-default' },
    defaultColor: false,
  });
  const pre = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
  if (!pre) return highlightCode(code, null);
  // Shiki marks the block with its theme names and background colours; the box styling is ours.
  pre.properties = { className: ['code', 'code--hl'], dataLang: lang, tabIndex: 0 };
  return pre;
}
