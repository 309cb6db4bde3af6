// The one Content-Security-Policy of the UI, for both ways it is served: the desktop app's
// `app://bundle` protocol and the mirror's static files for a browser. They differ only in where the
// page may connect: the desktop UI talks IPC only, the browser UI talks to the mirror that served it.

/** Where the page may open connections: nowhere (desktop, IPC only) or its own origin (browser). */
export type ConnectSource = "'none'" | "'self'"

/** Every directive but `connect-src`, in the order they are sent. */
const BEFORE_CONNECT = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:"
] as const
const AFTER_CONNECT = ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"] as const

export function uiContentSecurityPolicy(connect: ConnectSource): string {
  return [...BEFORE_CONNECT, `connect-src ${connect}`, ...AFTER_CONNECT].join('; ')
}
