import * as fs from 'node:fs';
import * as path from 'node:path';
import accepts from 'accepts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findProjectRoot } from '../config/app-config';

/**
 * GraphiQL served by the hub itself, from npm packages on disk: no CDN, so the IDE works offline
 * and behind corporate proxies. A browser's GET /graphql gets the IDE; API calls pass through.
 */
const root = findProjectRoot(__dirname);
const IDE_FILES: Record<string, { file: string; type: string }> = {
  'graphiql.min.css': { file: 'node_modules/graphiql/graphiql.min.css', type: 'text/css; charset=utf-8' },
  'graphiql.min.js': { file: 'node_modules/graphiql/graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'react.production.min.js': { file: 'node_modules/react/umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { file: 'node_modules/react-dom/umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  'ide.js': { file: 'src/graphql-ide/public/ide.js', type: 'text/javascript; charset=utf-8' },
  'ide.css': { file: 'src/graphql-ide/public/ide.css', type: 'text/css; charset=utf-8' },
};
const PAGE = fs.readFileSync(path.join(root, 'src/graphql-ide/public/ide.html'), 'utf8');
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** An onRequest hook: answers a browser's GET /graphql with the IDE before Apollo sees it. */
export async function serveGraphqlIde(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.method !== 'GET' || request.routeOptions.url !== '/graphql') return undefined;
  if (!accepts(request.raw).type('html') || request.headers.accept?.includes('application/json')) return undefined;
  return reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY).type('text/html; charset=utf-8').send(PAGE);
}

/** The IDE's scripts and styles, by name; anything else is not found. */
export function ideFile(name: string): { path: string; type: string } | undefined {
  const file = Object.hasOwn(IDE_FILES, name) ? IDE_FILES[name] : undefined;
  return file && { path: path.join(root, file.file), type: file.type };
}
