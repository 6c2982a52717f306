/** The server's clock, read once per request by the HTTP layer; the domain is always handed `now`. */
export function nowIso(): string {
  return new Date().toISOString();
}
