import { describe, expect, it } from 'vitest';
import { parseRecoveryInput, recoveryLink } from '../../../src/client/profile';

describe('recovery links', () => {
  const code = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

  it('[R11.2] the recovery link keeps the code in the fragment, never in what the server sees', () => {
    const link = recoveryLink('https://quiz.example/', code);
    expect(link).toBe(`https://quiz.example/profiles/recover#code=${code}`);
    expect(new URL(link).search).toBe('');
  });

  it('[R11.2] a pasted link or a bare code gives the code; anything else is refused', () => {
    expect(parseRecoveryInput(recoveryLink('http://localhost:3000', code))).toBe(code);
    expect(parseRecoveryInput(`  ${code} `)).toBe(code);
    expect(parseRecoveryInput('short')).toBeNull();
    expect(parseRecoveryInput('https://quiz.example/profiles/recover#code=not a code')).toBeNull();
    expect(parseRecoveryInput('')).toBeNull();
  });
});
