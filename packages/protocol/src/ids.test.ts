import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET } from './constants.ts';
import { CommandId, JoinCode, LocalId, SessionId, Token } from './ids.ts';

describe('JoinCode', () => {
  it.each([
    ['abc-d23', 'ABCD23'],
    ['ABCD23', 'ABCD23'],
    [' ab cd 23 ', 'ABCD23'],
    ['xyz-987', 'XYZ987'],
    ['h-j-k-m-n-p', 'HJKMNP'],
    ['\tqrs\nt2u', 'QRST2U'],
  ])('SE3 normalises %j to %j', (typed, code) => {
    expect(JoinCode.parse(typed)).toBe(code);
  });

  it('SE3 the alphabet has no look-alikes (0/O, 1/I/L) and 31 characters', () => {
    for (const c of '0O1IL') expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(JOIN_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(31);
  });

  it.each(['ABCD20', 'ABCDO2', 'ABCD21', 'ABCDI2', 'ABCDL2', 'abcdo2', 'abcdl2', 'abcdi2'])(
    'SE3 refuses look-alike letters in %j',
    (typed) => {
      const result = JoinCode.safeParse(typed);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('invalid join code');
    },
  );

  it.each(['', 'ABCD2', 'ABCD234', '------', 'ABC_D23', 'ABCD2!', 'ÄBCD23', 'A'.repeat(21)])(
    'SE3 refuses %j (length or characters)',
    (typed) => {
      expect(JoinCode.safeParse(typed).success).toBe(false);
    },
  );

  it('SE3 refuses a typed code longer than 20 characters before normalising it', () => {
    // 6 valid characters padded with 15 spaces: would normalise to a valid code, but is too long as typed.
    expect(JoinCode.safeParse(`ABCD23${' '.repeat(15)}`).success).toBe(false);
    expect(JoinCode.parse(`ABCD23${' '.repeat(14)}`)).toBe('ABCD23');
  });

  it.each([undefined, null, 123456, ['ABCD23'], { code: 'ABCD23' }])('SE3 refuses a non-string %j', (value) => {
    expect(JoinCode.safeParse(value).success).toBe(false);
  });
});

describe('ids and tokens', () => {
  it('Token needs 22..128 base64url characters (>= 128 bits)', () => {
    expect(Token.safeParse('a'.repeat(22)).success).toBe(true);
    expect(Token.safeParse('A-_9'.repeat(32)).success).toBe(true);
    expect(Token.safeParse('a'.repeat(21)).success).toBe(false);
    expect(Token.safeParse('a'.repeat(129)).success).toBe(false);
    expect(Token.safeParse(`${'a'.repeat(22)}=`).success).toBe(false);
    expect(Token.safeParse(`${'a'.repeat(22)}/`).success).toBe(false);
  });

  it('SessionId, CommandId: 8..64 url-safe characters', () => {
    for (const schema of [SessionId, CommandId]) {
      expect(schema.safeParse('abcdEFG_').success).toBe(true);
      expect(schema.safeParse('x'.repeat(64)).success).toBe(true);
      expect(schema.safeParse('abcdEFG').success).toBe(false);
      expect(schema.safeParse('x'.repeat(65)).success).toBe(false);
      expect(schema.safeParse('abcd efgh').success).toBe(false);
      expect(schema.safeParse('../../etc').success).toBe(false);
    }
  });

  it('LocalId: 1..40 url-safe characters', () => {
    expect(LocalId.safeParse('z1').success).toBe(true);
    expect(LocalId.safeParse('').success).toBe(false);
    expect(LocalId.safeParse('x'.repeat(41)).success).toBe(false);
    expect(LocalId.safeParse('o1"').success).toBe(false);
  });
});
