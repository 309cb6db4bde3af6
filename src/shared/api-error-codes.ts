// The `error` field of a refused API call: `{ "error": <code>, "message": <text> }` over HTTP, the
// same code in an IPC reply. Documented with the other codes in docs/error-codes.md.

/** Codes an API call itself can fail with, over either transport. */
export const API_ERROR_CODES = [
  'bad_request',
  'not_found',
  'forbidden',
  'unavailable',
  'internal',
  'persistence_off'
] as const

/** Codes only the HTTP mirror answers with: refusals before any call runs. */
export const HTTP_ONLY_ERROR_CODES = [
  'method_not_allowed',
  'unauthorized',
  'payload_too_large',
  'unsupported_media_type'
] as const

export type ApiErrorCode = (typeof API_ERROR_CODES)[number]
export type HttpErrorCode = ApiErrorCode | (typeof HTTP_ONLY_ERROR_CODES)[number]

export const HTTP_ERROR_CODES: readonly HttpErrorCode[] = [...API_ERROR_CODES, ...HTTP_ONLY_ERROR_CODES]

export const API_ERROR_MESSAGES: Record<HttpErrorCode, string> = {
  bad_request: 'a parameter or body is invalid; the message names the rule',
  not_found: 'unknown path or unknown collector',
  forbidden: "wrong token, a foreign Host or Origin, or an IPC sender that is not the app's window",
  unavailable: 'too many event streams at once, the trades on disk could not be read, or a desktop-only call',
  internal: 'a bug; details go to the log, never into the response',
  persistence_off: 'the call reads the trades on disk and persistence is off (--no-persist)',
  method_not_allowed: 'wrong method for the path (see Allow)',
  unauthorized: 'a POST without the X-MDM-Token header',
  payload_too_large: 'a POST body over 16 KiB',
  unsupported_media_type: 'a POST body that is not application/json'
}
