import { z } from 'zod';
import { commands, type CommandName } from '../src/commands.ts';
import { ERROR_DESCRIPTIONS, ErrorAck, ErrorCode } from '../src/errors.ts';
import { events, type EventName } from '../src/events.ts';
import { httpEndpoints } from '../src/http.ts';
import {
  PROTOCOL_VERSION,
  RATE_LIMITS,
  ROUTING_PARAM,
  YJS_CLOSE,
  YJS_LIMITS,
  YJS_PATH_PREFIX,
} from '../src/constants.ts';

/** JSON Schema of a zod schema as the client sends it (input side: join codes before normalising). */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return '```json\n' + JSON.stringify(json, null, 2) + '\n```';
}

function commandSection(name: CommandName): string {
  const def = commands[name];
  return [
    `### \`${name}\``,
    '',
    `Sent by: **${def.by}**. ${def.description}`,
    '',
    'Request:',
    '',
    schemaOf(def.request, 'input'),
    '',
    'Ack value (`{ ok: true, value }`):',
    '',
    schemaOf(def.response, 'output'),
    '',
  ].join('\n');
}

function eventSection(name: EventName): string {
  const def = events[name];
  const acked = 'ack' in def ? ' Sent with an ack callback: call it.' : '';
  return [
    `### \`${name}\``,
    '',
    `To: ${def.to}.${acked} ${def.description}`,
    '',
    schemaOf(def.payload, 'output'),
    '',
  ].join('\n');
}

/** docs/protocol.md, generated from the schemas so it cannot drift; a test compares the file. */
export function renderProtocolDoc(): string {
  const errorRows = ErrorCode.options.map((code) => `| \`${code}\` | ${ERROR_DESCRIPTIONS[code]} |`);
  const httpRows = httpEndpoints.map(
    (e) =>
      `| \`${e.method} ${e.path}\` | ${e.auth} | ${e.request ? `\`${e.request}\`` : ''} | ${e.response ? `\`${e.response}\`` : ''} | ${e.description} |`,
  );
  return [
    '# Vrijuit protocol',
    '',
    '<!-- Generated from packages/protocol by `pnpm docs:protocol`; edit the schemas, not this file. -->',
    '',
    `Protocol version: **${PROTOCOL_VERSION}**. Every message below is defined once, as a zod schema in`,
    '`packages/protocol`; the server parses every command with it before anything else happens.',
    '',
    '## Transport',
    '',
    '- socket.io 4 on the same origin as the web app, path `/socket.io/`, WebSocket or long-polling.',
    '  A connection with a foreign `Origin` header is refused.',
    '- A client emits a command as `socket.emit(name, request, ack)`. The server answers through `ack`',
    '  exactly once, after the change is committed to the store.',
    '- Commands that change state carry a `commandId` made by the client. A retry with the same id',
    '  answers the stored ack and takes effect once.',
    '- A connection first identifies itself with `participant:join`, `participant:resume` or',
    '  `facilitator:attach`; participant and facilitator commands are refused before that (`NOT_JOINED`)',
    '  or from the other role (`FORBIDDEN`).',
    `- A connection for one session (a console, the room's screen, a phone once it knows its session) names`,
    `  it in the handshake's query, \`${ROUTING_PARAM}=<sessionId>\` (RT1): a proxy in front of several`,
    '  processes routes by it. With several processes, such a connection may join, resume or attach only',
    '  that session (`WRONG_SESSION`); a connection that names none is served as before.',
    '- Facilitators are accounts: the socket.io handshake carries the sign-in cookie. Commands `by: account`',
    '  need a valid sign-in (`UNAUTHENTICATED`); every `by: facilitator` command re-checks, per message, that',
    '  the sign-in is still valid and the account still has access to the session.',
    `- At most ${RATE_LIMITS.commandsPerSecond} commands per second per connection (\`RATE_LIMITED\`); after`,
    `  ${RATE_LIMITS.wrongJoinCodesBurst} unknown join codes from an address (refilled at ${RATE_LIMITS.wrongJoinCodesPerMinute} a minute, and by`,
    `  ${RATE_LIMITS.wrongJoinCodesPerJoin} for each new participant joined from it) the address waits \`retryAfterSeconds\`.`,
    '',
    '## Acks',
    '',
    'Success:',
    '',
    '```json',
    '{ "ok": true, "value": "<the command\'s ack value>" }',
    '```',
    '',
    'Failure (nothing changed):',
    '',
    schemaOf(ErrorAck, 'output'),
    '',
    '## Error codes',
    '',
    '| code | meaning |',
    '| --- | --- |',
    ...errorRows,
    '',
    '## Commands',
    '',
    ...(Object.keys(commands) as CommandName[]).map(commandSection),
    '## Events (server to client)',
    '',
    ...(Object.keys(events) as EventName[]).map(eventSection),
    '## Yjs endpoint',
    '',
    `WebSocket \`${YJS_PATH_PREFIX}<sessionId>/<docName>?ticket=<ticket>\`, speaking the y-websocket protocol`,
    '(sync and awareness). `docName` matches `[A-Za-z0-9_-]{1,64}`. A participant sends a one-time ticket',
    '(`text:ticket`: one connection, within 30 s, this participant and this text only; its token never goes',
    'in a URL, and a `token` parameter opens nothing); a facilitator sends none and is known by the sign-in',
    'cookie (an account with access to the session). Both are checked before the upgrade (`401` otherwise,',
    '`400` for a malformed path, `403` for a foreign `Origin`). Any other upgrade path but `/socket.io/`',
    'is answered `404`.',
    '',
    'Budgets per connection (`YJS_LIMITS`): ' +
      `messages ${YJS_LIMITS.messagesPerSecond}/s after a burst of ${YJS_LIMITS.messagesBurst}, ` +
      `bytes ${YJS_LIMITS.bytesPerSecond / 1024} KiB/s after ${YJS_LIMITS.bytesBurst / 1024} KiB at once ` +
      `(over either: closed with \`${YJS_CLOSE.tooFast}\`); awareness ${YJS_LIMITS.awarenessPerSecond}/s after ` +
      `${YJS_LIMITS.awarenessBurst} (more are dropped), at most ${YJS_LIMITS.awarenessMaxBytes / 1024} KiB each; ` +
      `a text at most ${YJS_LIMITS.documentMaxBytes / 1024 / 1024} MiB encoded (an update past it, or an ` +
      `awareness message too large: closed with \`${YJS_CLOSE.tooLarge}\`, the update not applied).`,
    '',
    '## HTTP endpoints',
    '',
    'JSON answers use the ack envelope. Requests that change state must be `Content-Type: application/json`',
    'and, from a browser, carry an allowed `Origin` (CSRF); the sign-in cookie is HTTP-only and `SameSite=Lax`.',
    'Request and answer schemas are in `packages/protocol/src/accounts.ts`.',
    '',
    '| endpoint | who | request | answer | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...httpRows,
    '',
  ].join('\n');
}
