import type { CommandName, CommandRequest, CommandResult } from '@vrijuit/protocol';
import { m } from '$lib/paraglide/messages.js';
import { errorText } from '$lib/i18n';
import { randomCommandId } from '$lib/random.ts';
import { realtime } from '$lib/realtime/client.svelte.ts';

export type DesignCommand = 'session:update' | 'round:update' | 'round:move' | 'round:duplicate' | 'round:delete';

/**
 * Sends a design command and says at once whether it worked (the console's view follows by broadcast).
 * Sent directly rather than through the outbox: design happens before the workshop, at a desk, and the
 * facilitator wants the answer now. A retry after no answer reuses the commandId, so it counts once.
 */
export async function sendDesign<N extends DesignCommand>(
  name: N,
  request: Omit<CommandRequest<N>, 'commandId'>,
  commandId = randomCommandId(),
): Promise<{ ok: true; value: CommandResult<N> } | { ok: false; message: string; commandId: string }> {
  const result = await realtime().send(name, { ...request, commandId } as CommandRequest<N>);
  if (result.kind === 'no-answer') return { ok: false, message: m['design.noAnswer'](), commandId };
  if (!result.ack.ok) return { ok: false, message: errorText(result.ack.error.code), commandId };
  return { ok: true, value: result.ack.value as CommandResult<N> };
}

export type { CommandName };
