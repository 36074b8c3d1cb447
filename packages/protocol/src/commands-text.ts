import { z } from 'zod';
import { command } from './command.ts';
import { LIMITS } from './constants.ts';
import { CommandId, DocName, LocalId, RoundId } from './ids.ts';

/** Position texts: named versions of a co-edited text (the editing itself runs over the Yjs endpoint). */
export const textCommands = {
  'text:save-version': command({
    by: 'facilitator',
    description:
      'Save a named version of a position-text round’s plenary text (zoneId null) or of a zone’s draft, as it is on the server now.',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      zoneId: LocalId.nullable(),
      label: z.string().trim().min(1).max(LIMITS.versionLabel),
    }),
    response: z.object({ versionId: RoundId }),
  }),
  'text:get-version': command({
    by: 'facilitator',
    description:
      'A saved version of a text: its Yjs state (one update, base64), to read it or to copy from it. Only the text: no client ids of people.',
    request: z.object({ roundId: RoundId, versionId: RoundId }),
    response: z.object({ versionId: RoundId, label: z.string(), zoneId: LocalId.nullable(), update: z.string() }),
  }),
  'text:gather-drafts': command({
    by: 'facilitator',
    description:
      'Append every zone draft that holds text to the end of an open position-text round’s plenary text, each under its zone’s name as a heading, in the order of the zones (TX6); an empty plenary text is replaced. Answers how many drafts went in (0: none held text). `ROUND_KIND` for another kind of round or one without zone drafts, `ROUND_NOT_OPEN` unless the round is open.',
    request: z.object({ commandId: CommandId, roundId: RoundId }),
    response: z.object({ gathered: z.number().int().min(0) }),
  }),
  'text:ticket': command({
    by: 'participant',
    description:
      'A one-time ticket to open one of the session’s texts on the Yjs endpoint (`?ticket=`), so the phone’s token never goes in a URL: good for one connection within 30 s, for this participant and this text only. `ROUND_NOT_FOUND` when the text is not one of the session’s position texts open to participants.',
    request: z.object({ docName: DocName }),
    response: z.object({ ticket: z.string() }),
  }),
} as const;
