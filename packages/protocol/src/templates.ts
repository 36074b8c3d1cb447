import { z } from 'zod';
import { SessionDesign } from './design.ts';
import { SessionId } from './ids.ts';
import { RoundConfig, RoundResults, VoteOption } from './rounds.ts';
import { IsoDate } from './session.ts';

/** Saved templates per account and the pulse compared across sessions (HTTP, answers in the ack envelope). */

export const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid template id');
export type TemplateId = z.infer<typeof TemplateId>;

export const TemplateName = z.string().trim().min(1).max(120);

/** `POST /api/sessions/:id/template`: save that session's design under a name. */
export const SaveTemplateRequest = z.object({ name: TemplateName });
export type SaveTemplateRequest = z.input<typeof SaveTemplateRequest>;

/** A design an account saved from one of its sessions: a plan only, never people, input or results (DE8). */
export const SavedTemplate = z.object({
  id: TemplateId,
  name: z.string(),
  design: SessionDesign,
  /** When it was saved (epoch ms). */
  createdAt: z.number().int(),
});
export type SavedTemplate = z.infer<typeof SavedTemplate>;

/**
 * One closed round with a given compareKey in a session the account can reach (`GET /api/compare/:key`).
 * Its results are the closed round's kept aggregates, without the per-group breakdown.
 */
export const ComparedRound = z.object({
  sessionId: SessionId,
  title: z.string(),
  date: IsoDate.nullable(),
  roundId: z.string(),
  question: z.string(),
  /** The round's option labels, in the order of its results. */
  options: z.array(VoteOption),
  config: RoundConfig,
  results: RoundResults,
});
export type ComparedRound = z.infer<typeof ComparedRound>;
