// One connection to NATS and its JetStream stream: connect (credentials, CA), make sure the stream
// exists (create it when allowed, never change one that exists), publish one trade with its
// de-duplication id, and read the stream's numbers. The forwarder owns reconnects: the client's own
// reconnect is off, so a lost connection surfaces once, as `closed`.

import { readFile } from 'node:fs/promises'
import { jetstreamManager, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream'
import { connect, credsAuthenticator, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node'
import type { PublishStreamInfo } from '../../../shared/dto-publish'
import { DUPLICATE_WINDOW_MS, redactServer, STREAM_SUBJECTS, type ForwardConfig } from './forward-config'
import { AckPublisher, type Ack } from './ack-publisher'
import { natsFailure, type NatsFailure } from './nats-errors'

const NS_PER_MS = 1_000_000

export class NatsLinkError extends Error {
  constructor(readonly failure: NatsFailure) {
    super(failure.message)
  }
}

/** `nats://user:pass@host` or `nats://token@host`: the client takes credentials only as options. */
function urlCredentials(servers: string[]): Pick<NodeConnectionOptions, 'user' | 'pass' | 'token'> {
  for (const s of servers) {
    let u: URL
    try {
      u = new URL(s)
    } catch {
      continue
    }
    const user = decodeURIComponent(u.username)
    const pass = decodeURIComponent(u.password)
    if (user !== '' && pass !== '') return { user, pass }
    if (user !== '') return { token: user }
  }
  return {}
}

export async function connectOptions(
  cfg: Pick<ForwardConfig, 'servers' | 'credsFile' | 'tlsCaFile'>
): Promise<NodeConnectionOptions> {
  const opts: NodeConnectionOptions = {
    servers: cfg.servers.map(redactServer),
    ...urlCredentials(cfg.servers),
    name: 'market-data-monitor',
    reconnect: false,
    timeout: 5000,
    noEcho: true
  }
  try {
    if (cfg.credsFile !== null) opts.authenticator = credsAuthenticator(await readFile(cfg.credsFile))
    if (cfg.tlsCaFile !== null) opts.tls = { ca: await readFile(cfg.tlsCaFile, 'utf8') }
  } catch (e) {
    throw new NatsLinkError({ code: 'nats_config', message: natsFailure(e).message })
  }
  return opts
}

export function streamInfoDto(si: StreamInfo, created: boolean): PublishStreamInfo {
  const c = si.config
  return {
    name: c.name,
    subjects: c.subjects ?? [],
    storage: String(c.storage),
    replicas: c.num_replicas,
    duplicate_window_ms: Math.round((c.duplicate_window ?? 0) / NS_PER_MS),
    max_age_ms: Math.round((c.max_age ?? 0) / NS_PER_MS),
    max_bytes: c.max_bytes,
    max_msgs: c.max_msgs,
    created,
    messages: si.state.messages,
    bytes: si.state.bytes,
    first_seq: si.state.first_seq,
    last_seq: si.state.last_seq,
    read_at: Date.now()
  }
}

export class NatsLink {
  private acks: AckPublisher | null = null

  private constructor(
    readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly cfg: ForwardConfig
  ) {}

  static async open(cfg: ForwardConfig): Promise<NatsLink> {
    const opts = await connectOptions(cfg)
    let nc: NatsConnection
    try {
      nc = await connect(opts)
    } catch (e) {
      throw new NatsLinkError(natsFailure(e, 'nats_unreachable'))
    }
    try {
      const jsm = await jetstreamManager(nc, { timeout: cfg.ackTimeoutMs })
      return new NatsLink(nc, jsm, cfg)
    } catch (e) {
      await nc.close().catch(() => undefined)
      throw new NatsLinkError(natsFailure(e, 'nats_stream_error'))
    }
  }

  /** The server connected to (no credentials). */
  get server(): string {
    const info = this.nc.info
    return info ? `nats://${info.host}:${info.port}` : '?'
  }

  /** Resolves when the connection has ended, with the error that ended it, if any. */
  closed(): Promise<void | Error> {
    return this.nc.closed()
  }

  /** The stream as it is, or created with our config when missing and allowed; `missing` otherwise. */
  async ensureStream(): Promise<{ info: PublishStreamInfo } | { missing: NatsFailure }> {
    const { stream, createStream, limits } = this.cfg
    try {
      return { info: streamInfoDto(await this.jsm.streams.info(stream), false) }
    } catch (e) {
      const f = natsFailure(e, 'nats_stream_error')
      if (f.code !== 'nats_stream_missing') throw new NatsLinkError(f)
      if (!createStream) return { missing: { code: 'nats_stream_missing', message: `stream ${stream}: ${f.message}` } }
    }
    try {
      const si = await this.jsm.streams.add({
        name: stream,
        subjects: STREAM_SUBJECTS,
        storage: 'file' as StreamInfo['config']['storage'],
        duplicate_window: DUPLICATE_WINDOW_MS * NS_PER_MS,
        max_age: limits.maxAgeMs * NS_PER_MS,
        max_bytes: limits.maxBytes
      })
      return { info: streamInfoDto(si, true) }
    } catch (e) {
      throw new NatsLinkError(natsFailure(e, 'nats_stream_error'))
    }
  }

  async streamInfo(created: boolean): Promise<PublishStreamInfo> {
    try {
      return streamInfoDto(await this.jsm.streams.info(this.cfg.stream), created)
    } catch (e) {
      throw new NatsLinkError(natsFailure(e, 'nats_stream_error'))
    }
  }

  publish(subject: string, payload: string, msgId: string): Promise<Ack> {
    this.acks ??= new AckPublisher(this.nc, this.cfg.stream, this.cfg.ackTimeoutMs)
    return this.acks.publish(subject, payload, msgId)
  }

  async close(): Promise<void> {
    this.acks?.failAll({ code: 'nats_disconnected', message: 'connection closed' })
    this.acks?.close()
    if (!this.nc.isClosed()) await this.nc.close().catch(() => undefined)
  }
}
