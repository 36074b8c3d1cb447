import express, { type Response, type Router } from 'express';
import { ExportFormat, SessionId, type ErrorCode } from '@vrijuit/protocol';
import type { Auth } from '../auth/auth.ts';
import { signInToken } from '../auth/cookies.ts';
import type { Logger } from '../log.ts';
import type { SessionHub } from '../session-hub.ts';
import type { YjsStore } from '../store/yjs-store.ts';
import type { ExportRenderer } from './export-renderer.ts';
import { contentDisposition, exportInput } from './session-export.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SESSION_NOT_FOUND: 404,
  INTERNAL: 500,
};

function fail(res: Response, code: ErrorCode, message: string): void {
  res
    .status(STATUS[code] ?? 400)
    .setHeader('Cache-Control', 'no-store')
    .json({ ok: false, error: { code, message } });
}

/**
 * `GET /api/sessions/:id/export?format=md|docx|pdf|csv|json` (issue 7): the session's anonymised
 * outcome as a file, for a signed-in account that reaches the session (owner or shared, the console's
 * rule, AC2). Any status can be exported: a draft, a running, a closed or an archived session. Texts
 * are read here; the model and the file are made in the export worker (P5).
 */
export function exportRouter(options: {
  auth: Auth;
  hub: SessionHub;
  yjs: YjsStore;
  renderer: ExportRenderer;
  log: Logger;
}): Router {
  const { auth, hub, renderer } = options;
  const router = express.Router();

  router.get('/sessions/:id/export', async (req, res) => {
    const me = await auth.signedIn(signInToken(req));
    if (!me) return fail(res, 'UNAUTHENTICATED', 'sign in first');
    const format = ExportFormat.safeParse(req.query.format);
    if (!format.success) return fail(res, 'BAD_REQUEST', 'format must be one of md, docx, pdf, csv, json');
    const id = SessionId.safeParse(req.params.id);
    const state = id.success ? await hub.state(id.data) : null;
    if (!id.success || !state) return fail(res, 'SESSION_NOT_FOUND', 'no such session');
    if (!(await auth.canReach(me.account, id.data))) return fail(res, 'FORBIDDEN', 'not your session');

    let file;
    try {
      const input = await exportInput(state, { yjs: options.yjs, accounts: auth.store });
      file = await renderer.render(state, input, format.data);
    } catch (error) {
      // Only the format and the error: never the session's content in the log.
      options.log.error('export failed', { format: format.data, error: String(error) });
      return fail(res, 'INTERNAL', 'the export could not be made');
    }
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.fileName));
    res.setHeader('Content-Length', String(file.bytes.byteLength));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(file.bytes);
  });

  return router;
}
