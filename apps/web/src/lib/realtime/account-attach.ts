import type { Ack, CommandRequest, CommandResult } from '@vrijuit/protocol';
import type { RealtimeClient } from './client.svelte.ts';

type AttachCommand = 'facilitator:attach' | 'projector:attach';

/**
 * Attaching as the signed-in account (the socket's handshake carried the sign-in cookie), shared by
 * the console and the projector: one attempt at a time, only while connected, retried after a timeout
 * (a disconnect retries through onConnect). The returned function is called on every (re)connect;
 * `answered` gets the server's ack.
 */
export function accountAttacher<N extends AttachCommand>(
  client: RealtimeClient,
  name: N,
  sessionId: string,
  answered: (ack: Ack<CommandResult<N>>) => void,
): () => Promise<void> {
  let attaching = false;
  const attach = async (): Promise<void> => {
    if (attaching || !client.connected) return;
    attaching = true;
    try {
      // Both attach commands take the same request; TypeScript cannot see that through N.
      const request: CommandRequest<AttachCommand> = { sessionId };
      const result = await client.send(name, request as CommandRequest<N>);
      if (result.kind === 'no-answer') {
        if (result.reason === 'timeout') setTimeout(() => void attach(), 1000);
        return;
      }
      answered(result.ack);
    } finally {
      attaching = false;
    }
  };
  return attach;
}
