import type { NextFunction, Request, Response } from 'express';
import { SearchUnavailableError } from '../search/search-backend.ts';
import { BadRequest } from './params.ts';

/** A page or API answer that says nothing is there; `code` for programs, `message` in Chinese for people. */
export function notFound(req: Request, res: Response, code: string, message: string, extra: Record<string, unknown> = {}) {
  sendError(req, res, 404, code, message, extra);
}

/**
 * Error answers in one place: JSON `{ error: code, message }` under /api and /healthz, otherwise the
 * Chinese error page, with the query kept in the search box. `extra` goes to the page (suggestions).
 */
export function sendError(req: Request, res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  res.status(status);
  if (req.path.startsWith('/api/') || req.path === '/healthz') return res.json({ error: code, message });
  const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 400) : '';
  res.render('error', { status, message, q, suggestions: [], ...extra });
}

/** The last handler: a user's mistake keeps its 4xx and says what to fix; anything else is a logged 500. */
export function errorHandler(error: Error, req: Request, res: Response, _next: NextFunction) {
  if (error instanceof BadRequest) return sendError(req, res, 400, error.code, error.message);
  if (error instanceof SearchUnavailableError) {
    console.error(error.message);
    return sendError(req, res, 503, 'search_unavailable', '检索服务暂时不可用（数据库无法连接或响应超时）；请稍后再试，或请管理员检查数据库。');
  }
  // Express's own client errors (a path with broken %-encoding, for instance) keep their 4xx.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return sendError(req, res, status, status === 400 ? 'malformed_address' : 'refused', status === 400 ? '地址格式有误（可能是 % 编码不完整）；请检查链接或从首页重新检索。' : '请求被拒绝；请从首页重新检索。');
  }
  console.error(error);
  return sendError(req, res, 500, 'internal_error', '服务器内部出错；请稍后再试，管理员可在服务器日志中查看详情。');
}
