/**
 * Where the dashboard finds the API: the same origin that served it (the API process serves the
 * built app), so no URL or secret is baked into the bundle.
 */
export function graphqlHttpUrl(loc: Location = window.location): string {
  return `${loc.origin}/graphql`;
}

export function graphqlWsUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/graphql`;
}
