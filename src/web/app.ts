import { fileURLToPath } from 'node:url';
import helmet from 'helmet';
import express from 'express';
import type { LoadedIndex } from '../index/index-store.ts';
import { FACET_REGISTRY, NO_LEAD } from '../search/facet-registry.ts';
import { assetRoutes } from './assets.ts';
import { createContext } from './context.ts';
import { errorHandler, notFound } from './errors.ts';
import { departmentUrl, docUrl } from './links.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { compareRoutes } from './routes/compare-routes.ts';
import { departmentRoutes } from './routes/department-routes.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { homeRoutes } from './routes/home-routes.ts';
import { searchRoutes } from './routes/search-routes.ts';

const VIEWS = fileURLToPath(new URL('../../views', import.meta.url));

/** Builds the app around a loaded index; never listens (the CLI or supertest does). Routes live in ./routes, one module per area. */
export function createApp(loaded: LoadedIndex): express.Express {
  const ctx = createContext(loaded);
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', VIEWS);
  // Express caches compiled templates only under NODE_ENV=production; recompiling costs ~0.6 ms a page.
  app.set('view cache', process.env.NODE_ENV !== 'development');
  // Flat parameters only (repeats become arrays): no nested objects to trip over, no qs array limits.
  app.set('query parser', 'simple');
  Object.assign(app.locals, { departmentUrl, docUrl, facetRegistry: FACET_REGISTRY, NO_LEAD });
  app.use(helmet({
    // Only the site's own files: no inline script or style, so injected markup cannot run or restyle.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // An intranet site may be served over plain HTTP; HSTS would lock staff out of it.
    strictTransportSecurity: false,
  }));
  app.use(assetRoutes());
  for (const routes of [homeRoutes, searchRoutes, compareRoutes, departmentRoutes, documentRoutes, apiRoutes]) app.use(routes(ctx));
  app.use((req, res) => notFound(req, res, 'not_found', `这里没有页面（${req.path}）；请从首页重新检索。`));
  app.use(errorHandler);
  return app;
}
