/**
 * A vote burst against a server process that is then killed or stopped (core PR1, PR2), and what must
 * hold after it starts again. Real phones (socket.io clients) in one single-choice round.
 */
import { expect } from 'vitest';
import type { Ack } from '@vrijuit/protocol';
import { newCommandId, resultsOnConsole, single, type Phone, type TestClient, type Workshop } from './helpers.ts';

/** The round's options: each of a phone's votes picks another one, so a stored ballot tells which vote it is. */
export const BURST_OPTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const VOTES_PER_PHONE = BURST_OPTIONS.length;

/** Phone `i`'s vote `j` (j < VOTES_PER_PHONE). */
const optionOf = (i: number, j: number) => `o${((i + j) % BURST_OPTIONS.length) + 1}`;

/** Longer than any ack takes on a busy machine; a vote without an answer by then had none coming. */
const ACK_TIMEOUT_MS = 4000;

export interface SentVote {
  readonly commandId: string;
  readonly optionId: string;
  /** The answer, or null when none came (the connection closed first). */
  ack: Ack<{ roundId: string; stored: boolean }> | null;
  /** The phone had heard `server:stopping` when the answer came. */
  afterNotice: boolean;
}

export interface PhoneVotes {
  readonly phone: Phone;
  readonly votes: SentVote[];
}

const heardStop = (client: TestClient) => client.received['server:stopping'].length > 0;

/**
 * Every phone casts up to VOTES_PER_PHONE votes, `window` at a time without waiting for the earlier acks
 * (a person tapping fast), and sends no more once it hears `server:stopping` or loses its connection, as
 * the web client's outbox does. `acked(n)` resolves once n answers have come back in all; `done` once every
 * vote sent has its answer or is known to have none.
 */
export function startBurst(phones: readonly Phone[], roundId: string, window = 2) {
  let answers = 0;
  const waiters = new Set<() => void>();
  const run = async (phone: Phone, i: number): Promise<PhoneVotes> => {
    const votes: SentVote[] = [];
    const inFlight: Promise<void>[] = [];
    const socket = phone.client.socket;
    for (let j = 0; j < VOTES_PER_PHONE; j++) {
      if (heardStop(phone.client) || !socket.connected) break;
      const vote: SentVote = { commandId: newCommandId(), optionId: optionOf(i, j), ack: null, afterNotice: false };
      votes.push(vote);
      inFlight.push(
        new Promise((resolve) => {
          const request = { commandId: vote.commandId, roundId, ballot: single(vote.optionId) };
          socket.timeout(ACK_TIMEOUT_MS).emit('vote:cast', request, (error: Error | null, ack) => {
            if (!error) {
              vote.ack = ack;
              vote.afterNotice = heardStop(phone.client);
              answers++;
              for (const waiter of [...waiters]) waiter();
            }
            resolve();
          });
        }),
      );
      if (inFlight.length >= window) await inFlight.shift();
    }
    await Promise.all(inFlight);
    return { phone, votes };
  };
  const done = Promise.all(phones.map(run));
  const acked = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (answers < n) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
      // A burst that ends before n answers never gets there.
      void done.then(() => (answers < n ? reject(new Error(`burst ended at ${answers} answers`)) : undefined));
    });
  return { acked, done };
}

/** The last vote the phone was told is stored (acked `stored: true` or named by `inputs:stored`), or -1. */
export function lastConfirmed({ phone, votes }: PhoneVotes): number {
  const named = new Set(phone.client.received['inputs:stored'].flatMap((e) => e.commandIds));
  return votes.findLastIndex((v) => (v.ack?.ok === true && v.ack.value.stored) || named.has(v.commandId));
}

/**
 * PR1 after the restart, before anything is sent again: each phone's stored ballot (from its resume) is
 * its last confirmed vote or one it sent later, never a vote it did not send; none only if nothing was
 * confirmed. Then every phone sends its last vote again (same commandId, as its outbox does) and the close
 * counts each phone's last vote once.
 */
export async function expectNoVoteLost(
  workshop: Workshop,
  roundId: string,
  sent: readonly PhoneVotes[],
  confirmed: readonly number[],
): Promise<void> {
  const { sessionId, facilitator } = workshop;
  const found: (number | null)[] = [];
  for (const { phone, votes } of sent) {
    const { self } = await phone.client.ok('participant:resume', { sessionId, token: phone.token });
    const optionId = self.ballot?.kind === 'single-choice' ? self.ballot.optionId : null;
    found.push(optionId === null ? null : votes.findIndex((v) => v.optionId === optionId));
  }
  // A phone's stored ballot must be a vote it sent (index >= 0), not older than its last confirmed one.
  const lost = found.flatMap((at, i) =>
    (at === null ? confirmed[i]! >= 0 : at < Math.max(0, confirmed[i]!))
      ? [{ phone: i, at, confirmed: confirmed[i] }]
      : [],
  );
  expect(lost, 'phones whose stored ballot is older than what they were told is stored, or not theirs').toEqual([]);

  const expected = Object.fromEntries(BURST_OPTIONS.map((_, o) => [`o${o + 1}`, 0]));
  for (const { phone, votes } of sent) {
    const last = votes.at(-1);
    if (!last) continue;
    const ack = await phone.client.send('vote:cast', {
      commandId: last.commandId,
      roundId,
      ballot: single(last.optionId),
    });
    expect(ack).toMatchObject({ ok: true, value: { roundId } });
    expected[last.optionId]!++;
  }
  await facilitator.ok('facilitator:attach', { sessionId });
  await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
  const results = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed', 10_000);
  const voters = sent.filter((s) => s.votes.length > 0).length;
  expect(results).toMatchObject({ respondents: voters, perPerson: { values: expected } });
}
