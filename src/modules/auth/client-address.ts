/** The peer address a request came from, for throttling failed sign-ins; the hub sets no proxy trust, so this is the socket's. */
export function clientAddress(request: { ip?: string; socket?: { remoteAddress?: string } }): string {
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}
