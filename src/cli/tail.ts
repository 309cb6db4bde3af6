// `npm run tail -- --publish nats://HOST:PORT [--subject S] [--from-start]`: the trades in the
// JetStream stream, printed as the log prints a trade (Trade.repr()): proof that another program
// can consume what the engine forwards.
import { FORWARD_DEFAULTS } from '../main/core/forward/forward-config'
import { NatsLinkError } from '../main/core/forward/nats-link'
import { tailTrades } from '../main/core/forward/tail'
import { processCommandLine } from '../main/host/flags/entry-point'
import { FLAG_EXIT_CODE } from '../main/host/flags/parse-command-line'
import { errorMessage } from '../shared/guards'

async function main(): Promise<void> {
  const line = processCommandLine('tail')
  if (line.kind === 'exit') {
    process.exitCode = line.code
    return
  }
  const v = line.values
  if (v.publish === undefined) {
    process.stderr.write('tail: --publish nats://HOST:PORT (or MDM_PUBLISH) is required\n')
    process.exitCode = FLAG_EXIT_CODE
    return
  }
  const abort = new AbortController()
  process.once('SIGINT', () => abort.abort())
  process.once('SIGTERM', () => abort.abort())
  const cfg = {
    servers: v.publish,
    credsFile: v.publishCreds ?? null,
    tlsCaFile: v.publishTlsCa ?? null,
    stream: v.publishStream ?? FORWARD_DEFAULTS.stream
  }
  process.stderr.write(`tail: ${cfg.stream} ${v.tailSubject}${v.fromStart ? ' from the start' : ' from now on'}\n`)
  await tailTrades(
    cfg,
    { subject: v.tailSubject, fromStart: v.fromStart },
    (t) => process.stdout.write(t.repr() + '\n'),
    abort.signal
  )
}

main().catch((err: unknown) => {
  const code = err instanceof NatsLinkError ? `${err.failure.code}: ` : ''
  process.stderr.write(`tail: ${code}${errorMessage(err)}\n`)
  process.exitCode = 1
})
