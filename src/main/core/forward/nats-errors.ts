// A NATS or JetStream failure as the app reports it: one of the publish error codes, with the
// server's own words kept in the message.

import type { PublishErrorCode } from '../../../shared/error-codes'
import { errorMessage } from '../../../shared/guards'

export interface NatsFailure {
  code: PublishErrorCode
  message: string
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO|EPROTO|SSL|TLS/i

/** Classifies a thrown error of the NATS clients (or of reading the creds/CA files). */
export function natsFailure(e: unknown, fallback: PublishErrorCode = 'nats_publish_failed'): NatsFailure {
  const message = errorMessage(e)
  const name = e instanceof Error ? e.constructor.name : ''
  const sysCode = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : ''
  if (/Permissions Violation/i.test(message) || name === 'PermissionViolationError')
    return { code: 'nats_permission', message }
  if (/Authorization Violation|authentication|Authorization/i.test(message) || name === 'AuthorizationError')
    return { code: 'nats_auth', message }
  if (TLS_CODES.test(sysCode) || /tls|certificate/i.test(message)) return { code: 'nats_tls', message }
  if (name === 'StreamNotFoundError' || /stream not found/i.test(message))
    return { code: 'nats_stream_missing', message }
  if (name === 'JetStreamApiError') return { code: 'nats_stream_error', message }
  if (
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN|ConnectionError|connection refused/i.test(
      message + name + sysCode
    )
  )
    return { code: 'nats_unreachable', message }
  return { code: fallback, message }
}
