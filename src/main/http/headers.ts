// Response headers: hardening on every response, and the content types the mirror speaks.

import type { ServerResponse } from 'node:http'
import { uiContentSecurityPolicy } from './csp'

/** The browser UI's Content-Security-Policy: everything from the mirror itself, nothing inline but styles. */
export const UI_CSP = uiContentSecurityPolicy("'self'")

/** Headers every response carries, whatever its type. */
export function applyBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
  res.setHeader('Referrer-Policy', 'no-referrer')
}

export function applyJsonHeaders(res: ServerResponse): void {
  applyBaseHeaders(res)
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
}
