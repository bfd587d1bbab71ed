import { z } from 'zod';
import { charCount, cleanText, type TextKind } from '../contract';

/**
 * The text policy (src/contract/text-policy.ts) as a zod schema, for HTTP bodies: refuses what the policy refuses
 * (a 400 naming the field and the character), cleans the rest, then holds the cleaned text to `min..max`
 * characters (code points). A text that is only whitespace or invisible characters is empty.
 */
export function policyText(kind: TextKind, what: string, min: number, max: number) {
  const length = `${what} is ${min} to ${max} characters`;
  return (
    z
      .string()
      // A bound on the raw text before any work on it; cleaning only shortens, so this refuses nothing valid.
      .max(Math.max(200, max * 8), length)
      .transform((raw, ctx) => {
        const r = cleanText(raw, kind);
        if (r.ok) return r.text;
        ctx.addIssue({ code: 'custom', message: `${what} ${r.message}` });
        return z.NEVER;
      })
      .refine((t) => {
        const n = charCount(t);
        return n >= min && n <= max;
      }, length)
  );
}

/** Ids the server made (base64url) and deck ids (lowercase, digits, dashes): nothing else reaches a query. */
export const SAFE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
