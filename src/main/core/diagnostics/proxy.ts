// The proxy variables in the environment, for the report (credentials redacted), and a note of
// which proxy the collector's connections use, so nobody has to guess.

import { redactProxy, type ProxyRoute } from '../net/proxy-route'

export { redactProxy }

export const PROXY_VARS = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'ALL_PROXY',
  'all_proxy',
  'NO_PROXY',
  'no_proxy'
]

export function proxyVariables(
  env: Record<string, string | undefined>,
  route: ProxyRoute | null
): { variables: Record<string, string>; note: string | null } {
  const variables: Record<string, string> = {}
  for (const name of PROXY_VARS) {
    const v = env[name]
    if (v !== undefined && v !== '') variables[name] = redactProxy(v)
  }
  const proxies = Object.keys(variables).filter((n) => !/no_proxy/i.test(n))
  const note =
    route !== null
      ? `The collector connects through the proxy ${route.display} (from ${route.source}).`
      : proxies.length > 0
        ? `${proxies.join(', ')} set, but not used for this endpoint (NO_PROXY, the "none" setting, or a variable for another scheme: ws:// goes by HTTP_PROXY, wss:// by HTTPS_PROXY): the collector connects directly.`
        : null
  return { variables, note }
}
