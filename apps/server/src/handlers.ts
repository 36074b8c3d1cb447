import type { CommandName } from '@vrijuit/protocol';
import type { Handler } from './handler-kit.ts';
import { designHandlers } from './handlers-design.ts';
import { doorHandlers } from './handlers-door.ts';
import { lifecycleHandlers } from './handlers-lifecycle.ts';
import { painPointHandlers } from './handlers-pain-points.ts';
import { paperHandlers } from './handlers-paper.ts';
import { roundHandlers } from './handlers-round.ts';
import { sessionHandlers } from './handlers-session.ts';
import { steeringHandlers } from './handlers-steering.ts';
import { textHandlers } from './handlers-text.ts';

export type { HandlerDeps, HandlerResult, Identity } from './handler-kit.ts';

/** The handler table: one entry per command, one file per area. Parsing and role checks happen before (realtime.ts). */
export const handlers: { [N in CommandName]: Handler<N> } = {
  ...sessionHandlers,
  ...designHandlers,
  ...roundHandlers,
  ...steeringHandlers,
  ...painPointHandlers,
  ...textHandlers,
  ...lifecycleHandlers,
  ...paperHandlers,
  ...doorHandlers,
};
