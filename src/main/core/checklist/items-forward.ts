// After the API read-back: the trades leave the machine. "Trades forwarded" passes once NATS
// JetStream has acknowledged the stored trades and the outbox is empty; without --publish it is
// skipped and does not count against "all pass".

import type { PublishStatus } from '../../../shared/dto-publish'
import type { FixContext } from './fixes'
import type { ItemRule, Verdict } from './rule'

/** A backlog older than this while connected is not "draining" any more: it fails. */
const STUCK_LAG_MS = 30_000

function hostPort(server: string): { host: string; port: string } {
  try {
    const u = new URL(server)
    return { host: u.hostname, port: u.port || '4222' }
  } catch {
    return { host: '127.0.0.1', port: '4222' }
  }
}

export function forwardFixes(p: PublishStatus, x: FixContext): string[] {
  const server = p.connected_server ?? p.servers[0] ?? 'nats://127.0.0.1:4222'
  const { host, port } = hostPort(server)
  const err = p.last_error
  const out = [
    `Reproduce: \`curl -s "${x.api}/collectors/publish" | python3 -m json.tool\` (state, pending, last_error).`
  ]
  if (err) out.push(`The server said (${err.code}): ${err.message}`)
  switch (err?.code) {
    case 'nats_auth':
      out.push(
        `The NATS server at ${server} refused the credentials: check the user and password in --publish (nats://user:pass@${host}:${port}) or the --publish-creds file.`
      )
      break
    case 'nats_permission':
      out.push(
        `The NATS user may not publish to trades.> or use the JetStream API ($JS.API.>) on ${server}: grant both in the server's permissions for this user.`
      )
      break
    case 'nats_stream_missing':
      out.push(
        `Stream ${p.stream_name} does not exist on ${server}: create it (\`nats stream add ${p.stream_name} --subjects 'trades.>' --storage file --dupe-window 5m --defaults\`) or start without --publish-no-create.`
      )
      break
    case 'nats_tls':
      out.push(`TLS with ${server} failed: give the CA that signed its certificate with --publish-tls-ca FILE.`)
      break
    case 'nats_config':
      out.push('The --publish-creds or --publish-tls-ca file could not be read: check the path and its permissions.')
      break
    default:
      out.push(
        `Is nats-server running with JetStream at ${server}? \`nc -vz ${host} ${port}\`; start it with \`nats-server -js\`.`
      )
  }
  out.push(`See what the stream holds: \`npm run tail -- --publish ${server} --from-start\``)
  return out
}

export function judgeForward(p: PublishStatus, storedTotal: number, x: FixContext): Verdict {
  const facts = {
    state: p.state,
    server: p.connected_server ?? p.servers[0] ?? null,
    stream: p.stream_name,
    acknowledged: p.acknowledged,
    pending: p.pending,
    dropped: p.dropped,
    lag_ms: p.lag_ms,
    stream_messages: p.stream?.messages ?? null,
    last_error: p.last_error ? `${p.last_error.code}: ${p.last_error.message}` : null
  }
  if (p.state === 'off')
    return { status: 'skipped', evidence: 'forwarding is off (no --publish)', facts, fix: [], byChoice: true }
  const where = `stream ${p.stream_name} on ${p.connected_server ?? p.servers.join(', ')}`
  const counts = `${p.acknowledged} acknowledged (${p.duplicates} as duplicates), ${p.pending} pending, ${p.dropped} dropped`
  if (p.state === 'down' || p.state === 'stream_missing') {
    const why = p.last_error ? `${p.last_error.code}: ${p.last_error.message}` : p.state
    return { status: 'fail', evidence: `${p.state} — ${why}; ${counts}`, facts, fix: forwardFixes(p, x) }
  }
  if (p.state === 'connecting')
    return {
      status: 'pending',
      evidence: `connecting to ${p.servers.join(', ')}; ${counts}`,
      facts,
      fix: forwardFixes(p, x)
    }
  const held = p.stream ? `; the stream holds ${p.stream.messages} messages` : ''
  if (p.pending === 0 && (p.acknowledged > 0 || storedTotal === 0)) {
    if (p.acknowledged === 0)
      return {
        status: 'pending',
        evidence: `connected to ${where}; no trade stored yet`,
        facts,
        fix: forwardFixes(p, x)
      }
    return { status: 'pass', evidence: `${counts} by ${where}; the outbox is empty${held}`, facts, fix: [] }
  }
  const status = p.lag_ms > STUCK_LAG_MS ? 'fail' : 'pending'
  return {
    status,
    evidence: `${p.state === 'catching_up' ? 'catching up' : 'draining'}: ${counts}, oldest waiting ${Math.round(p.lag_ms / 1000)} s, ${where}${held}`,
    facts,
    fix: forwardFixes(p, x)
  }
}

export const tradesForwarded: ItemRule = {
  id: 'trades_forwarded',
  title: 'Trades forwarded',
  depends_on: ['trades_in_stats'],
  link: { view: 'connection' },
  judge: (ev, x) => judgeForward(ev.publish, ev.stats.total_trades, x)
}
