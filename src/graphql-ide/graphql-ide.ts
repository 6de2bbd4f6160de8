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
const IDE_FILES: Record<string, string> = {
  'graphiql.min.css': 'node_modules/graphiql/graphiql.min.css',
  'graphiql.min.js': 'node_modules/graphiql/graphiql.min.js',
  'react.production.min.js': 'node_modules/react/umd/react.production.min.js',
  'react-dom.production.min.js': 'node_modules/react-dom/umd/react-dom.production.min.js',
  'ide.js': 'src/graphql-ide/public/ide.js',
  'ide.css': 'src/graphql-ide/public/ide.css',
};
const PAGE = fs.readFileSync(path.join(root, 'src/graphql-ide/public/ide.html'), 'utf8');
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** An onRequest hook: answers a browser's GET /graphql with the IDE before Apollo sees it. */
export async function serveGraphqlIde(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.method !== 'GET' || request.routeOptions.url !== '/graphql') return undefined;
  if (!accepts(request.raw).type('html') || request.headers.accept?.includes('application/json')) return undefined;
  return reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY).type('text/html; charset=utf-8').send(PAGE);
}

/** The path of one of the IDE's scripts and styles, by name; anything else is not found. */
export function ideFile(name: string): string | undefined {
  return Object.hasOwn(IDE_FILES, name) ? path.join(root, IDE_FILES[name]) : undefined;
}
