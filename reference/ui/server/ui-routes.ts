/**
 * Everything `kubespec serve` answers under /ui/, mounted beside the REST
 * API on the same HTTPS port (HttpServerOptions.extraRoutes): the page's
 * files, its watch stream, and its endpoints. Any other path is left to
 * the API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServer } from '../../apiserver/apiserver.ts';
import { serveAsset } from './assets.ts';
import { methodNotAllowed } from './respond.ts';
import type { SimulatedNodes } from './simulated-nodes.ts';
import { storyApi } from './story-api.ts';
import { watchMany } from './watch-mux.ts';

export interface UiOptions {
  apiserver: ApiServer;
  nodes: SimulatedNodes;
  /** Wall-clock ms on the cluster's clock. */
  now(): number;
  /** The page's watch stream ends after this long and the page opens a new one. @default 300000 */
  watchTimeoutMs?: number;
}

export const UI_PATH = '/ui/';

export function uiRoutes(opts: UiOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const api = storyApi(opts);
  return async (req, res, url) => {
    const path = url.pathname;
    if (path !== '/ui' && !path.startsWith(UI_PATH)) return false;
    if (path === '/ui') {
      res.writeHead(308, { Location: UI_PATH, 'Content-Length': 0 });
      res.end();
    } else if (path === '/ui/api/watch') {
      if (req.method !== 'GET') throw methodNotAllowed(req.method ?? '', path);
      await watchMany(opts.apiserver, req, res, url, opts.watchTimeoutMs ?? 300_000);
    } else if (path.startsWith('/ui/api/')) {
      await api(req, res, path);
    } else {
      await serveAsset(req, res, path);
    }
    return true;
  };
}
