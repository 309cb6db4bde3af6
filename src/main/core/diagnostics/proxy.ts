// Proxy variables are noted, not used: the collector's socket goes direct. A user behind a proxy
// needs to know that, and a report must not leak the proxy's credentials.

const PROXY_VARS = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'ALL_PROXY',
  'all_proxy',
  'NO_PROXY',
  'no_proxy'
]

/** `http://user:secret@proxy:3128` → `http://***@proxy:3128`. */
export function redactProxy(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@')
}

export function proxyVariables(env: Record<string, string | undefined>): {
  variables: Record<string, string>
  note: string | null
} {
  const variables: Record<string, string> = {}
  for (const name of PROXY_VARS) {
    const v = env[name]
    if (v !== undefined && v !== '') variables[name] = redactProxy(v)
  }
  const proxies = Object.keys(variables).filter((n) => !/no_proxy/i.test(n))
  const note =
    proxies.length === 0
      ? null
      : `${proxies.join(', ')} set: the collector connects directly and does not use a proxy. If this network reaches the internet only through it, the connection fails at the TCP or TLS step; allow outbound 443 to the exchange.`
  return { variables, note }
}
