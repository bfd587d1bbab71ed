/**
 * Deck command line: `npm run --silent deck -- parse <file>` / `... import <file> [--id <deck-id>] [--token <edit-token>]`.
 *
 * Exit codes: 0 success, 1 the deck has errors or the import failed, 2 bad usage or unreadable file.
 * stdout carries only the result (JSON for `parse`), so it can be piped; messages go to stderr.
 */
import { readFileSync } from 'node:fs';
import { decodeWindows1252, DeckIdSchema, formatDeckErrors, parseDeck, type Deck } from '../../src/decks/index';

const USAGE = `usage: deck parse <file>
       deck import <file> [--id <deck-id>] [--token <edit-token>]`;

/** Written by the server team; loaded lazily so `parse` works without the database layer. */
const IMPORT_MODULE = '../../src/server/services/deck-cli-import.js';

type ImportDeck = (deck: Deck, opts: { id?: string; token?: string }) => Promise<{ id: string; cards: number }>;

class UsageError extends Error {}

interface Command {
  name: 'parse' | 'import';
  file: string;
  id?: string;
  token?: string;
}

function parseArgs(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name !== 'parse' && name !== 'import') {
    throw new UsageError(name === undefined ? 'missing command' : `unknown command "${name}"`);
  }
  let file: string | undefined;
  let id: string | undefined;
  let token: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (name === 'import' && (arg === '--id' || arg.startsWith('--id='))) {
      const value = arg === '--id' ? rest[++i] : arg.slice('--id='.length);
      if (value === undefined || value === '') throw new UsageError('--id needs a value');
      if (!DeckIdSchema.safeParse(value).success) {
        throw new UsageError(`invalid deck id "${value}": use lowercase letters, digits and dashes`);
      }
      id = value;
    } else if (name === 'import' && (arg === '--token' || arg.startsWith('--token='))) {
      const value = arg === '--token' ? rest[++i] : arg.slice('--token='.length);
      if (value === undefined || value === '') throw new UsageError('--token needs a value');
      token = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option "${arg}"`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  if (file === undefined) throw new UsageError('missing <file>');
  return { name, file, ...(id !== undefined && { id }), ...(token !== undefined && { token }) };
}

/** Reads a deck file as UTF-8, falling back to Windows-1252 for files saved in that encoding. */
function readDeckText(file: string): { text: string; legacy: boolean } {
  const bytes = readFileSync(file);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), legacy: false };
  } catch {
    return { text: decodeWindows1252(bytes), legacy: true };
  }
}

function isImportModule(mod: unknown): mod is { importDeckFromCli: ImportDeck } {
  return (
    typeof mod === 'object' &&
    mod !== null &&
    typeof (mod as { importDeckFromCli?: unknown }).importDeckFromCli === 'function'
  );
}

interface ImportResult {
  id: string;
  cards: number;
  editToken?: string;
  editPath?: string;
  notice?: string;
}

function isImportResult(value: unknown): value is ImportResult {
  if (typeof value !== 'object' || value === null) return false;
  const { id, cards } = value as { id?: unknown; cards?: unknown };
  return typeof id === 'string' && typeof cards === 'number';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function run(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`deck: ${err.message}\n${USAGE}\n`);
    return 2;
  }

  let source: { text: string; legacy: boolean };
  try {
    source = readDeckText(command.file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : errorMessage(err);
    process.stderr.write(`deck: cannot read ${command.file}: ${reason}\n`);
    return 2;
  }
  if (source.legacy) {
    process.stderr.write(`${command.file}: warning: not valid UTF-8, read as Windows-1252\n`);
  }

  const result = parseDeck(source.text, { fileName: command.file });
  if (!result.ok) {
    process.stderr.write(`${formatDeckErrors(result.errors, command.file)}\n`);
    return 1;
  }
  for (const warning of result.warnings) {
    process.stderr.write(`${command.file}:${warning.line}: warning: ${warning.message}\n`);
  }

  const { deck } = result;
  if (command.name === 'parse') {
    // Title first, as a reader expects it; JSON.stringify drops the optional fields that are undefined.
    const output = { title: deck.title, id: deck.id, description: deck.description, cards: deck.cards };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  }

  let mod: unknown;
  try {
    mod = await import(new URL(IMPORT_MODULE, import.meta.url).href);
  } catch (err) {
    process.stderr.write(
      `deck: import is not available: cannot load ${IMPORT_MODULE} (${errorMessage(err)})\n`,
    );
    return 1;
  }
  if (!isImportModule(mod)) {
    process.stderr.write(
      `deck: import is not available: ${IMPORT_MODULE} does not export importDeckFromCli\n`,
    );
    return 1;
  }
  try {
    const imported: unknown = await mod.importDeckFromCli(
      deck,
      {
        ...(command.id !== undefined && { id: command.id }),
        ...(command.token !== undefined && { token: command.token }),
      },
    );
    if (!isImportResult(imported)) throw new Error('importDeckFromCli returned an unexpected value');
    process.stdout.write(`imported ${imported.id} (${imported.cards} cards)\n`);
    if (typeof imported.notice === 'string') process.stderr.write(`${imported.notice}\n`);
    if (typeof imported.editToken === 'string') {
      // The token is shown this once (only its hash is stored): it is what lets its holder edit or replace the deck.
      process.stderr.write(
        `edit token (keep it; it is shown once): ${imported.editToken}\nedit link: ${imported.editPath ?? ''}\n`,
      );
    }
    return 0;
  } catch (err) {
    process.stderr.write(`deck: import failed: ${errorMessage(err)}\n`);
    return 1;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    // Explicit exit: an imported database client may keep the event loop alive after the work is done.
    process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`deck: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
