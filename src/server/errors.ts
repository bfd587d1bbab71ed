/** An expected failure of a service, with a code the client can show. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    public readonly code:
      | 'deck_not_found'
      | 'room_not_found'
      | 'bad_request'
      | 'internal'
      // Decks (issue 9): a change by someone without the deck's edit token; a built-in deck; an unknown card.
      | 'not_owner'
      | 'read_only'
      | 'card_not_found',
    message: string,
    public readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * server.ts and Next's bundle hold separate copies of this module, so `instanceof` fails across them:
 * recognise the error by its shape.
 */
export function isServiceError(e: unknown): e is ServiceError {
  return (
    e instanceof Error &&
    e.name === 'ServiceError' &&
    typeof (e as Partial<ServiceError>).code === 'string' &&
    typeof (e as Partial<ServiceError>).status === 'number'
  );
}
