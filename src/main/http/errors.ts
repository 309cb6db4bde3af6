// Every error the mirror answers is JSON `{ "error": <code>, "message": <text> }`: a stable code for
// programs, a message for people, and never a stack trace, a file path or the environment.

import type { ServerResponse } from 'node:http'
import type { HttpErrorCode } from '../../shared/api-error-codes'
import { ApiError, HTTP_STATUS_FOR } from '../../shared/contract'
import { applyJsonHeaders } from './headers'

export type { HttpErrorCode }

const STATUS_FOR: Record<HttpErrorCode, number> = {
  ...HTTP_STATUS_FOR,
  method_not_allowed: 405,
  unauthorized: 401,
  payload_too_large: 413,
  unsupported_media_type: 415
}

/** A refusal decided by the mirror itself (as opposed to one thrown by an engine handler). */
export class HttpError extends Error {
  readonly status: number
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'HttpError'
    this.status = STATUS_FOR[code]
  }
}

export interface ErrorBody {
  error: HttpErrorCode
  message: string
}

/** Serializes `body` and ends the response; HEAD requests get the headers only (Node drops the body). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  applyJsonHeaders(res)
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.statusCode = status
  res.end(text)
}

export function sendError(res: ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body: ErrorBody = { error: error.code, message: error.message }
  sendJson(res, error.status, body, error.headers)
}

/** By shape as well as by class: a second copy of the contract module (CJS next to ESM) must not turn a 404 into a 500. */
function isApiError(err: unknown): err is ApiError {
  if (err instanceof ApiError) return true
  if (!(err instanceof Error) || err.name !== 'ApiError') return false
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && Object.hasOwn(HTTP_STATUS_FOR, code)
}

/**
 * Maps anything thrown while answering to what the client may see. An `ApiError` keeps its code and
 * message (the engine writes those for users); anything else is an internal error whose details go
 * to the log only.
 */
export function toHttpError(err: unknown): { error: HttpError; internal: boolean } {
  if (err instanceof HttpError) return { error: err, internal: false }
  if (isApiError(err) && err.code !== 'internal')
    return { error: new HttpError(err.code, err.message), internal: false }
  return { error: new HttpError('internal', 'internal error; see the application log'), internal: true }
}
