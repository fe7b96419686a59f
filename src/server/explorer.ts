import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { projectRoot } from '../config/index.js';
import { landingPageHtml } from './landingPage.js';

/** Where `npm run build` puts the explorer and GraphiQL (ui/vite.config.ts). */
export const UI_DIR = path.join(projectRoot, 'dist', 'ui');
/** The URL prefix of the built assets (Vite's `base`). */
const UI_ASSETS_PATH = '/ui';

/**
 * The explorer's pages need a little more than the API's default policy: module workers (the force
 * layout, GraphiQL's editor), inline styles (React's style attributes, the editor's), and blob:/data:
 * images (a PNG export). Still nothing from another origin, no eval, workers only from 'self'.
 */
function useExplorerHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'worker-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
      },
    },
  });
}

/**
 * The explorer at /explore (and / pointing to it) and GraphiQL at /graphiql, served from the build;
 * when the UI was not built, / stays the plain landing page and the two say how to build them.
 */
export function mountExplorer(app: Express, graphqlPath: string, uiDir = UI_DIR): void {
  const built = existsSync(path.join(uiDir, 'index.html'));
  const page = (file: string): RequestHandler => (_req, res) => {
    if (!built) {
      res.status(503).type('text').send('The explorer is not built: run `npm run build` (it builds the API and the explorer into dist/).\n');
      return;
    }
    res.sendFile(path.join(uiDir, file));
  };
  app.get('/', (_req, res) => {
    if (built) res.redirect(302, '/explore');
    else res.type('html').send(landingPageHtml(graphqlPath));
  });
  app.get(['/explore', '/explore/'], useExplorerHeaders(), page('index.html'));
  app.get(['/graphiql', '/graphiql/'], useExplorerHeaders(), page('graphiql.html'));
  // Hashed file names: a new build has new names, so the assets may be kept for good.
  const cacheable: RequestHandler = (_req, res, next) => {
    // The API's no-store is for answers; serve-static sets its own Cache-Control only when none is set.
    res.removeHeader('Cache-Control');
    next();
  };
  app.use(UI_ASSETS_PATH, useExplorerHeaders(), cacheable, express.static(uiDir, { index: false, immutable: true, maxAge: '365d', fallthrough: false }));
}
