// The proxy variables in the environment, for the report (credentials redacted), and a note of
// which proxy the collector's connections use, so nobody has to guess.

import { PROXY_VARIABLES, redactProxy, type ProxyRoute } from '../net/proxy-route'

/** Every proxy variable the collector reads, upper case first as users usually write them. */
export const PROXY_VARS = Object.values(PROXY_VARIABLES).flatMap(([lower, upper]) => [upper, lower])

export function proxyVariables(
  env: Record<string, string | undefined>,
  route: ProxyRoute | null,
  note: string | null = null
): { variables: Record<string, string>; note: string | null } {
  const variables: Record<string, string> = {}
  for (const name of PROXY_VARS) {
    const v = env[name]
    if (v !== undefined && v !== '') variables[name] = redactProxy(v)
  }
  const proxies = Object.keys(variables).filter((n) => !/no_proxy/i.test(n))
  const why =
    note ??
    'not read for this endpoint (ws:// goes by HTTP_PROXY, wss:// by HTTPS_PROXY, then ALL_PROXY; the "none" setting disables them)'
  return {
    variables,
    note:
      route !== null
        ? `The collector connects through the proxy ${route.display} (from ${route.source}).`
        : proxies.length > 0
          ? `${proxies.join(', ')} set, but ${why}: the collector connects directly.`
          : null
  }
}
