// Forwarding to NATS JetStream over an engine run: the forwarder starts with the run (its outbox
// the durable tier when there is one) and stops after the collectors, so the last trades are sent.
// Where it forwards is the `publish` setting (the --publish flags win at start); a change restarts it.

import type { PublishSettings } from '../../../shared/settings'
import { NamedLog } from '../log/engine-log'
import { durableBacklog } from '../forward/durable-backlog'
import { FORWARD_DEFAULTS, forwardConfig, type ForwardConfig } from '../forward/forward-config'
import { Forwarder } from '../forward/forwarder'
import type { EngineContext } from './context'

/** The `publish` setting an engine started with --publish begins with. */
export function publishSettingsOf(cfg: ForwardConfig): PublishSettings {
  return {
    urls: [...cfg.servers],
    stream: cfg.stream,
    noCreate: !cfg.createStream,
    credsFile: cfg.credsFile,
    tlsCaFile: cfg.tlsCaFile
  }
}

/** The forwarder's config: the setting's where, the flags' (or the defaults') limits and tuning; null: off. */
export function forwardConfigOf(p: PublishSettings, base: ForwardConfig | null | undefined): ForwardConfig | null {
  if (p.urls.length === 0) return null
  const { servers: _servers, ...tuning } = base ?? { ...FORWARD_DEFAULTS, servers: [] }
  return forwardConfig([...p.urls], {
    ...tuning,
    stream: p.stream,
    createStream: !p.noCreate,
    credsFile: p.credsFile,
    tlsCaFile: p.tlsCaFile
  })
}

export function startForwarding(ctx: EngineContext): void {
  const cfg = forwardConfigOf(ctx.settings.publish, ctx.opts.publish)
  if (!cfg) return
  // With a data dir the outbox is the durable tier (cursor and trades in its file); else memory only.
  const backlog = ctx.opts.publishBacklog?.(ctx) ?? (ctx.durable ? durableBacklog(ctx.durable, cfg.stream) : null)
  const f = new Forwarder(cfg, {
    log: new NamedLog(ctx.log, 'publish'),
    task: ctx.tasks.register('publish.nats', `forwarding trades to ${cfg.servers.join(', ')}`),
    backlog,
    random: ctx.opts.random
  })
  ctx.forward = f
  f.start()
}

export async function stopForwarding(ctx: EngineContext): Promise<void> {
  await ctx.forward?.stop()
}

/** A `publish` change while running: the old forwarder stops (draining what it can), a new one starts. */
export async function restartForwarding(ctx: EngineContext, running: boolean): Promise<void> {
  await stopForwarding(ctx)
  ctx.forward = null
  if (running) startForwarding(ctx)
}
