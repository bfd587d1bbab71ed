import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteDeck, GET as getDeck, PUT as putDeck } from '../../src/app/api/decks/[id]/route';
import { POST as clonePost } from '../../src/app/api/decks/[id]/clone/route';
import { DELETE as deleteExample } from '../../src/app/api/decks/[id]/examples/[exampleId]/route';
import { GET as listExamples, POST as addExample } from '../../src/app/api/decks/[id]/examples/route';
import { GET as exportGet } from '../../src/app/api/decks/[id]/export/route';
import { GET as ownerGet } from '../../src/app/api/decks/[id]/owner/route';
import { POST as tryPost } from '../../src/app/api/decks/[id]/try/route';
import { GET as listGet, POST as importPost } from '../../src/app/api/decks/route';
import { POST as previewPost } from '../../src/app/api/deck-tools/preview/route';
import { POST as tryCardPost } from '../../src/app/api/deck-tools/try/route';
import { parseDeck } from '../../src/decks/parse';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import type { HostState, PublicState } from '../../src/protocol';
import { DeckPageSchema, PreviewResultSchema, TryResultSchema } from '../../src/protocol/decks';
import type { DeckPage, ImportOutcome, PreviewResult, TryResult } from '../../src/server/services/decks';
import { useTestServer } from './support';

const server = useTestServer({ room: { settings: { timeLimitSec: 20 } } });
const { client, createRoom } = server;

const BASE = 'http://quizroom.test';

function req(method: string, path: string, body?: unknown, token?: string): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
async function json<T>(res: Response): Promise<{ status: number; body: T }> {
  return { status: res.status, body: (await res.json()) as T };
}
type ErrorBody = { error: { code: string; message: string; issues?: { line: number; message: string }[] } };

const STORAGE = `# Kubernetes storage
id: k8s-storage
description: Volumes and claims.

### What is a PersistentVolumeClaim (PVC)?
> A request for storage that a Pod uses; the cluster binds it to a PersistentVolume that fits.
Accept: a request for storage

### What does \`kubectl get pvc\` show?
\`\`\`sh
kubectl get pvc -n shop
\`\`\`
> The claims in the namespace, with their **status** and the volume each is bound to.
`;

async function importText(text: string, extra: Record<string, unknown> = {}) {
  return json<ImportOutcome & ErrorBody>(await importPost(req('POST', '/api/decks', { fileName: 'd.md', text, ...extra })));
}

async function page(id: string) {
  return json<DeckPage & ErrorBody>(await getDeck(req('GET', `/api/decks/${id}`), ctx(id)));
}

describe('deck API: import and ownership', () => {
  let token = '';

  it('imports a pasted deck and shows its edit token once; only the token hash is stored', async () => {
    const { status, body } = await importText(STORAGE);
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: 'k8s-storage', cards: 2, replaced: false });
    expect(body.editToken).toMatch(/^[\w-]{43}$/);
    expect(body.editPath).toBe(`/decks/k8s-storage#edit=${body.editToken}`);
    token = body.editToken ?? '';
    const row = await server.app.db.prisma.deck.findUnique({ where: { id: 'k8s-storage' } });
    expect(row?.editTokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    // The page and the list never carry the token or its hash; the page is the wire shape of src/protocol/decks.ts.
    const shown = (await page('k8s-storage')).body;
    expect(JSON.stringify(shown)).not.toMatch(new RegExp(`${token}|editTokenHash`));
    expect(DeckPageSchema.parse(shown)).toEqual(shown);
    expect(JSON.stringify(await (await listGet()).json())).not.toContain('editTokenHash');
  });

  it('gives a taken id a new id and says so; the first deck is untouched', async () => {
    const { status, body } = await importText(STORAGE.replace('Volumes and claims.', 'A rival deck.'));
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: 'k8s-storage-2', requestedId: 'k8s-storage', replaced: false });
    expect(body.notice).toMatch(/taken.*saved as "k8s-storage-2".*Nothing was replaced/);
    expect((await page('k8s-storage')).body.description).toBe('Volumes and claims.');
    expect(body.editToken).not.toBe(token);
  });

  it('refuses a wrong token with not_owner and changes nothing', async () => {
    const { status, body } = await importText(STORAGE.replace('Volumes and claims.', 'Hijacked'), {
      editToken: 'x'.repeat(43),
    });
    expect(status).toBe(403);
    expect(body.error.code).toBe('not_owner');
    expect(body.error.message).toMatch(/edit link/);
    expect((await page('k8s-storage')).body.description).toBe('Volumes and claims.');
  });

  it('replaces the deck when the right token comes with the import; kept cards keep their ids', async () => {
    const before = (await page('k8s-storage')).body.cards.map((c) => c.id);
    const { status, body } = await importText(STORAGE.replace('Volumes and claims.', 'Second edition.'), { editToken: token });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'k8s-storage', replaced: true });
    expect(body.editToken).toBeUndefined();
    const after = (await page('k8s-storage')).body;
    expect(after.description).toBe('Second edition.');
    expect(after.cards.map((c) => c.id)).toEqual(before);
  });

  it('edits with PUT only with the token; errors keep their line numbers', async () => {
    const edited = STORAGE.replace('### What is a PersistentVolumeClaim (PVC)?', '### What is a PVC?');
    const refused = await json<ErrorBody>(await putDeck(req('PUT', '/api/decks/k8s-storage', { text: edited }), ctx('k8s-storage')));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_owner');
    const wrong = await json<ErrorBody>(await putDeck(req('PUT', '/api/decks/k8s-storage', { text: edited }, 'y'.repeat(43)), ctx('k8s-storage')));
    expect(wrong.body.error.code).toBe('not_owner');

    const broken = `${edited}### Lost?\nno quote here\n`;
    const heading = broken.split('\n').indexOf('### Lost?') + 1;
    expect(heading).toBe(14);
    const bad = await json<ErrorBody>(await putDeck(req('PUT', '/api/decks/k8s-storage', { text: broken }, token), ctx('k8s-storage')));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([
      { line: 14, message: expect.stringContaining('has no answer') },
      { line: 15, message: expect.stringContaining('unexpected text') },
    ]);
    expect(bad.body.error.message).toContain('k8s-storage.md:15:');

    const ok = await json<ImportOutcome>(await putDeck(req('PUT', '/api/decks/k8s-storage', { text: edited }, token), ctx('k8s-storage')));
    expect(ok.status).toBe(200);
    expect((await page('k8s-storage')).body.cards[0]?.card.prompt).toBe('What is a PVC?');
    expect((await ownerGet(req('GET', '/api/decks/k8s-storage/owner', undefined, token), ctx('k8s-storage'))).status).toBe(200);
    expect((await ownerGet(req('GET', '/api/decks/k8s-storage/owner'), ctx('k8s-storage'))).status).toBe(403);
  });

  it('keeps built-in decks read-only: clone to edit', async () => {
    const put = await json<ErrorBody>(await putDeck(req('PUT', `/api/decks/${BUILTIN_DECK_ID}`, { text: STORAGE }, token), ctx(BUILTIN_DECK_ID)));
    expect(put.status).toBe(403);
    expect(put.body.error).toMatchObject({ code: 'read_only', message: expect.stringMatching(/clone/) });
    const del = await json<ErrorBody>(await deleteDeck(req('DELETE', `/api/decks/${BUILTIN_DECK_ID}`, undefined, token), ctx(BUILTIN_DECK_ID)));
    expect(del.body.error.code).toBe('read_only');
    const withToken = await importText(STORAGE.replace('id: k8s-storage', `id: ${BUILTIN_DECK_ID}`), { editToken: token });
    expect(withToken.body.error.code).toBe('read_only');
    const copy = await importText(STORAGE.replace('id: k8s-storage', `id: ${BUILTIN_DECK_ID}`));
    expect(copy.body).toMatchObject({ id: `${BUILTIN_DECK_ID}-2`, requestedId: BUILTIN_DECK_ID });
    expect((await page(BUILTIN_DECK_ID)).body.cards.length).toBe(23);

    const clone = await json<ImportOutcome>(await clonePost(req('POST', `/api/decks/${BUILTIN_DECK_ID}/clone`, {}), ctx(BUILTIN_DECK_ID)));
    expect(clone.status).toBe(201);
    expect(clone.body.id).toBe(`${BUILTIN_DECK_ID}-copy`);
    expect(clone.body.editToken).toMatch(/^[\w-]{43}$/);
    const cloned = (await page(clone.body.id)).body;
    expect(cloned).toMatchObject({ title: 'Kubernetes Networking (copy)', readOnly: false });
    expect(cloned.cards.map((c) => c.card)).toEqual((await page(BUILTIN_DECK_ID)).body.cards.map((c) => c.card));
  });

  it('previews a paste without storing it, with the id an import would take', async () => {
    const ok = await json<PreviewResult>(await previewPost(req('POST', '/api/deck-tools/preview', { text: STORAGE })));
    expect(ok.body).toMatchObject({ ok: true, title: 'Kubernetes storage', target: { id: 'k8s-storage', taken: true, builtin: false } });
    if (!ok.body.ok) throw new Error('expected a preview');
    expect(PreviewResultSchema.parse(ok.body)).toEqual(ok.body);
    const code = ok.body.cards[1]!;
    expect(code.html.prompt).toBe('What does <code>kubectl get pvc</code> show?');
    expect(code.html.body).toContain('<pre class="code code--hl" data-lang="shellscript"');
    expect(code.html.answer).toContain('<strong>status</strong>');
    expect(code.drawnChoice).toBe('The claims in the namespace, with their **status** and the volume each is bound to.');
    const bad = await json<PreviewResult>(await previewPost(req('POST', '/api/deck-tools/preview', { text: '# T\n### Q?\nA\n' })));
    expect(PreviewResultSchema.parse(bad.body)).toEqual(bad.body);
    expect(bad.body).toEqual({ ok: false, errors: [{ line: 2, message: expect.any(String) }, { line: 3, message: expect.stringContaining('unexpected text') }] });
    expect(await server.app.db.prisma.deck.count({ where: { title: 'T' } })).toBe(0);
  });
});

describe('deck API: try an answer, learned examples, export', () => {
  let token = '';
  let cardId = '';

  beforeAll(async () => {
    const { body } = await importText(STORAGE.replace('id: k8s-storage', 'id: learn'));
    token = body.editToken ?? '';
    cardId = (await page('learn')).body.cards[0]!.id;
  });

  const tryIt = async (text: string, id = cardId) =>
    json<TryResult & ErrorBody>(await tryPost(req('POST', '/api/decks/learn/try', { cardId: id, text }), ctx('learn')));

  it('grades a typed answer with the grader: verdict, score and ideas', async () => {
    const good = await tryIt('a request for storage');
    expect(good.body).toMatchObject({ verdict: 'correct', score: 1 });
    expect(TryResultSchema.parse(good.body)).toEqual(good.body);
    const bad = await tryIt('no idea, sorry');
    expect(bad.body.verdict).toBe('incorrect');
    expect(Array.isArray(bad.body.missing)).toBe(true);
    expect((await tryIt('x', 'learn-nope')).body.error.code).toBe('card_not_found');
    expect((await tryIt('   ')).status).toBe(400);
    const unsaved = await json<TryResult>(
      await tryCardPost(req('POST', '/api/deck-tools/try', { card: { prompt: 'Q?', answer: 'A', accept: ['forty two'] }, text: 'Forty-two' })),
    );
    expect(unsaved.body.verdict).toBe('correct');
  });

  it('learns a host override: the same answer is graded differently afterwards, and shows on the page', async () => {
    const text = 'like a ticket: you ask for 10Gi and get a volume that fits';
    const before = (await tryIt(text)).body.verdict;
    expect(before).not.toBe('correct');
    const r = await server.app.services.decks.recordExample('learn', cardId, text, 'accept', 'room-1');
    expect(r).toMatchObject({ ok: true, example: { text, verdict: 'accept', roomId: 'room-1' } });
    expect((await tryIt(text)).body.verdict).toBe('correct');
    const onPage = (await page('learn')).body.cards[0]!.examples;
    expect(onPage).toEqual([expect.objectContaining({ text, verdict: 'accept' })]);

    // The same answer again, now judged wrong, changes the one example instead of adding another.
    await server.app.services.decks.recordExample('learn', cardId, `${text.toUpperCase()}!`, 'wrong', 'room-2');
    expect((await page('learn')).body.cards[0]!.examples).toEqual([expect.objectContaining({ verdict: 'wrong', roomId: 'room-2' })]);
  });

  it('answers bad examples with a code instead of throwing', async () => {
    const svc = server.app.services.decks;
    expect(await svc.recordExample('learn', cardId, 'x'.repeat(201), 'accept', null)).toMatchObject({ ok: false, code: 'bad_example' });
    expect(await svc.recordExample('learn', cardId, ' \u0000 ', 'accept', null)).toMatchObject({ ok: false, code: 'bad_example' });
    expect(await svc.recordExample('learn', 'learn-none', 'x', 'accept', null)).toMatchObject({ ok: false, code: 'card_not_found' });
    expect(await svc.recordExample('nope', cardId, 'x', 'accept', null)).toMatchObject({ ok: false, code: 'deck_not_found' });
    const piped = await svc.recordExample('learn', cardId, 'rwo | rwx\u0000', 'accept', null);
    expect(piped).toMatchObject({ ok: true, example: { text: 'rwo / rwx' } });
  });

  it('exports examples as Accept/Wrong lines that import back; the owner removes examples', async () => {
    const res = await exportGet(req('GET', '/api/decks/learn/export'), ctx('learn'));
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="learn.md"');
    const text = await res.text();
    expect(text).toContain('<!-- learned from games -->');
    expect(text).toContain('Wrong: LIKE A TICKET: YOU ASK FOR 10GI AND GET A VOLUME THAT FITS!');
    const parsed = parseDeck(text);
    expect(parsed.ok && parsed.deck.cards[0]?.accept).toEqual(['a request for storage', 'rwo / rwx']);

    const examples = (await json<{ examples: { id: string }[] }>(await listExamples(req('GET', '/api/decks/learn/examples'), ctx('learn')))).body.examples;
    expect(examples).toHaveLength(2);
    const first = examples[0]!.id;
    const exCtx = { params: Promise.resolve({ id: 'learn', exampleId: first }) };
    expect((await deleteExample(req('DELETE', `/api/decks/learn/examples/${first}`), exCtx)).status).toBe(403);
    expect((await deleteExample(req('DELETE', `/api/decks/learn/examples/${first}`, undefined, token), exCtx)).status).toBe(204);
    expect((await deleteExample(req('DELETE', `/api/decks/learn/examples/${first}`, undefined, token), exCtx)).status).toBe(404);

    const added = await addExample(req('POST', '/api/decks/learn/examples', { cardId, text: 'RWO', verdict: 'accept' }, token), ctx('learn'));
    expect(added.status).toBe(201);
    const refused = await addExample(req('POST', '/api/decks/learn/examples', { cardId, text: 'RWO', verdict: 'accept' }), ctx('learn'));
    expect(refused.status).toBe(403);
  });
});

describe('deck API: delete, and a game on a deck with code', () => {
  it('sends rendered HTML with the question, the answer only at the reveal; deleting the deck keeps the results', async () => {
    const { body } = await importText(STORAGE.replace('id: k8s-storage', 'id: played'));
    const token = body.editToken ?? '';
    const room = await createRoom({ deckId: 'played', positions: [1] });
    const host = await client();
    await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    const player = await client();
    await player.ok('player:join', { code: room.code, nickname: 'Ann' });
    await host.ok('host:start', { code: room.code, hostToken: room.hostToken });
    const q = await player.waitFor<PublicState>('room:state', (s) => s.phase === 'question');
    expect(q.question).toMatchObject({
      prompt: 'What does `kubectl get pvc` show?',
      promptHtml: 'What does <code>kubectl get pvc</code> show?',
      bodyHtml: expect.stringContaining('kubectl'),
    });
    expect(q.reveal).toBeNull();
    const wire = JSON.stringify(q);
    expect(wire).not.toMatch(/explanation|correctText/);
    const hs = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question');
    const right = q.question!.choices.find((c) => c.id === hs.correctChoiceId)!;
    expect(right.html).toBe('The claims in the namespace, with their <strong>status</strong> and the volume each is bound to.');
    await player.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: right.id });
    // Everyone has answered: the question closes by itself.
    const rev = await player.waitFor<PublicState>('room:state', (s) => s.phase === 'reveal');
    expect(rev.reveal?.explanationHtml).toContain('<strong>status</strong>');
    expect(rev.reveal?.correctTextHtml).toContain('<strong>status</strong>');
    await host.ok('host:end', { code: room.code, hostToken: room.hostToken });
    await server.app.services.rooms.flushAll();

    const del = await deleteDeck(req('DELETE', '/api/decks/played', undefined, token), ctx('played'));
    expect(del.status).toBe(204);
    expect((await page('played')).status).toBe(404);
    const list = (await (await listGet()).json()) as { decks: { id: string }[] };
    expect(list.decks.map((d) => d.id)).not.toContain('played');
    const results = await server.app.services.rooms.results(room.code);
    expect(results?.questions.map((x) => x.prompt)).toEqual(['What does `kubectl get pvc` show?']);
    expect(server.app.services.decks.inlineHtml(['What does `kubectl get pvc` show?'])).toEqual(['What does <code>kubectl get pvc</code> show?']);
    expect(results?.answers).toHaveLength(1);
    await expect(createRoom({ deckId: 'played' })).rejects.toMatchObject({ code: 'deck_not_found' });
    // The id stays taken: a new import gets another id; the owner's token brings the deck back.
    expect((await importText(STORAGE.replace('id: k8s-storage', 'id: played'))).body.id).toBe('played-2');
    const back = await importText(STORAGE.replace('id: k8s-storage', 'id: played'), { editToken: token });
    expect(back.body).toMatchObject({ id: 'played', replaced: true });
    expect((await page('played')).status).toBe(200);
  });
});
