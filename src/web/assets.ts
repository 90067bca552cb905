import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

const PUBLIC = fileURLToPath(new URL('./public', import.meta.url));
/** Noto Sans SC from npm, weight 400 only: Chinese renders even where the machine has no CJK font. */
const FONT_DIR = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css'));

/**
 * The site's own files: /static (css, js, favicon) and /static/fonts/noto-sans-sc (the fallback
 * font, split by unicode-range so a page fetches only the subsets its characters need), and
 * /favicon.ico, which browsers ask for on every page.
 * Example: GET /favicon.ico → 301 to /static/favicon.svg.
 */
export function assetRoutes(): express.Router {
  const router = express.Router();
  router.use('/static/fonts/noto-sans-sc', express.static(FONT_DIR, { maxAge: '30d', immutable: true, index: false }));
  router.use('/static', express.static(PUBLIC, { maxAge: '1h', index: false }));
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  return router;
}
