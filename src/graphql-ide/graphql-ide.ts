import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { findProjectRoot } from '../config/app-config';

/**
 * GraphiQL served by the hub itself, from npm packages on disk: no CDN, so the IDE works offline
 * and behind corporate proxies. A browser's GET /graphql gets the IDE; API calls pass through.
 */
const root = findProjectRoot(__dirname);
const FILES: Record<string, { file: string; type: string }> = {
  'graphiql.min.css': { file: 'node_modules/graphiql/graphiql.min.css', type: 'text/css' },
  'graphiql.min.js': { file: 'node_modules/graphiql/graphiql.min.js', type: 'text/javascript' },
  'react.production.min.js': { file: 'node_modules/react/umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.production.min.js': { file: 'node_modules/react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  'ide.js': { file: 'src/graphql-ide/public/ide.js', type: 'text/javascript' },
  'ide.css': { file: 'src/graphql-ide/public/ide.css', type: 'text/css' },
};
const PAGE = fs.readFileSync(path.join(root, 'src/graphql-ide/public/ide.html'), 'utf8');
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function graphqlIde(request: Request, response: Response, next: NextFunction): void {
  if (request.method !== 'GET' || !request.accepts('html') || request.headers.accept?.includes('application/json')) {
    next();
    return;
  }
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.type('html').send(PAGE);
}

export function graphqlIdeAssets(request: Request, response: Response): void {
  const name = request.path.replace(/^\//, '');
  const asset = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!asset) {
    response.status(404).end();
    return;
  }
  response.setHeader('Cache-Control', 'public, max-age=3600');
  response.type(asset.type).sendFile(path.join(root, asset.file));
}
