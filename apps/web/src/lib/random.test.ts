import { describe, expect, it } from 'vitest';
import { CommandId, Token } from '@vrijuit/protocol';
import { randomCommandId, randomString, randomToken } from './random.ts';

describe('random ids', () => {
  it('are accepted by the protocol schemas', () => {
    expect(Token.safeParse(randomToken()).success).toBe(true);
    expect(CommandId.safeParse(randomCommandId()).success).toBe(true);
  });

  it('differ every time and use the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => randomCommandId()));
    expect(seen.size).toBe(1000);
    const chars = new Set(randomString(20_000));
    expect(chars.size).toBe(64);
  });
});
