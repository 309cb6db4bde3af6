// Through a CONNECT tunnel, https-proxy-agent starts TLS without a host name when the target is an IP
// address, and Node then checks the certificate against "localhost". The check belongs to the URL's host.

import { checkServerIdentity } from 'node:tls'
import type WebSocket from 'ws'

/** Node's TLS identity check against the URL's host (@types/ws declares a boolean return; Node wants Error | undefined). */
export function urlHostIdentity(url: string): WebSocket.ClientOptions['checkServerIdentity'] {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  const check = (_servername: string, cert: Parameters<typeof checkServerIdentity>[1]): Error | undefined =>
    checkServerIdentity(host, cert)
  return check as unknown as WebSocket.ClientOptions['checkServerIdentity']
}
