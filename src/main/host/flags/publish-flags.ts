// Forwarding to NATS JetStream (serve, demo): where, with which credentials, into which stream.
// Spread into the one flag table (flag-table.ts).

import { fail, ok, type Parsed } from '../../../shared/validate'
import { parsePublishUrls, parseStreamName } from '../../../shared/validate-publish'
import { DEFAULT_STREAM, FORWARD_DEFAULTS } from '../../core/forward/forward-config'
import { switchFlag, valueFlag } from './flag-spec'
import { integerIn, nonEmpty, numberIn } from './flag-values'

/** `nats://host:port[,nats://…]`; `tls://` too. Credentials may ride in the URL (`nats://user:pass@host`). */
export function parsePublishServers(raw: string): Parsed<string[]> {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (items.length === 0) return fail('needs at least one nats://HOST:PORT')
  return parsePublishUrls(items)
}

export const PUBLISH_FLAGS = {
  publish: valueFlag<string[], undefined>({
    name: 'publish',
    env: 'MDM_PUBLISH',
    valueName: 'URL[,URL]',
    help: 'forward every stored trade to NATS JetStream at nats://HOST:PORT (comma-separated for a cluster)',
    parse: parsePublishServers,
    default: undefined,
    defaultHelp: 'off'
  }),
  publishCreds: valueFlag<string, undefined>({
    name: 'publish-creds',
    env: 'MDM_PUBLISH_CREDS',
    valueName: 'FILE',
    help: 'NATS credentials file (JWT and nkey seed) for --publish',
    parse: nonEmpty('a file path'),
    default: undefined
  }),
  publishTlsCa: valueFlag<string, undefined>({
    name: 'publish-tls-ca',
    env: 'MDM_PUBLISH_TLS_CA',
    valueName: 'FILE',
    help: "CA certificates (PEM) that sign the NATS server's certificate",
    parse: nonEmpty('a file path'),
    default: undefined,
    defaultHelp: "the system's"
  }),
  publishStream: valueFlag({
    name: 'publish-stream',
    env: 'MDM_PUBLISH_STREAM',
    valueName: 'NAME',
    help: 'the JetStream stream (subjects trades.>) trades go to',
    parse: parseStreamName,
    default: DEFAULT_STREAM
  }),
  publishNoCreate: switchFlag({
    name: 'publish-no-create',
    env: 'MDM_PUBLISH_NO_CREATE',
    help: 'never create the stream: report it missing instead'
  }),
  publishMaxAgeHours: valueFlag({
    name: 'publish-max-age-hours',
    env: 'MDM_PUBLISH_MAX_AGE_HOURS',
    valueName: 'N',
    help: 'a stream this engine creates keeps messages N hours (0: no limit)',
    parse: numberIn(0, 24 * 3650, 'hours'),
    default: FORWARD_DEFAULTS.limits.maxAgeMs / 3_600_000
  }),
  publishMaxGb: valueFlag({
    name: 'publish-max-gb',
    env: 'MDM_PUBLISH_MAX_GB',
    valueName: 'N',
    help: 'a stream this engine creates keeps at most N GB, oldest dropped (0: no limit)',
    parse: numberIn(0, 100_000, 'GB'),
    default: 0
  }),
  tailSubject: valueFlag({
    name: 'subject',
    valueName: 'SUBJECT',
    help: "which trades to print: a NATS subject filter, e.g. 'trades.bybit.spot.BTCUSDT'",
    parse: (raw) => (/^[^\s]+$/.test(raw) ? ok(raw) : fail('a subject has no spaces')),
    default: 'trades.bybit.>'
  }),
  fromStart: switchFlag({ name: 'from-start', help: 'print every trade in the stream first, then new ones' }),
  publishInFlight: valueFlag({
    name: 'publish-in-flight',
    env: 'MDM_PUBLISH_IN_FLIGHT',
    valueName: 'N',
    help: 'unacknowledged publishes in flight at most',
    parse: integerIn(1, 65_536, 'in-flight publishes'),
    default: FORWARD_DEFAULTS.maxInFlight
  })
} as const
