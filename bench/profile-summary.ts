// Summarizes a V8 .cpuprofile (node --cpu-prof) as self time per function, so a bench run can
// say what the engine spends its time on. Usage: tsx bench/profile-summary.ts FILE [TOP]
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface HotFunction {
  name: string
  where: string
  selfPct: number
  selfMs: number
}

export function summarizeProfile(file: string, top = 15): { totalMs: number; hot: HotFunction[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<string, number>()
  let totalUs = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i])
    const dt = profile.timeDeltas[i] ?? 0
    if (!node) continue
    const f = node.callFrame
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue
    const where = f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : ''
    const key = `${f.functionName || '(anonymous)'}\t${where}`
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt)
    totalUs += dt
  }
  const hot = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => {
      const [name, where] = key.split('\t')
      return { name, where, selfMs: Math.round(us / 1000), selfPct: Math.round((us / totalUs) * 1000) / 10 }
    })
  return { totalMs: Math.round(totalUs / 1000), hot }
}

if (require.main === module) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [TOP]')
    process.exit(2)
  }
  const { totalMs, hot } = summarizeProfile(file, Number(process.argv[3] ?? 15))
  console.log(`busy ${totalMs} ms (idle and (program) excluded)`)
  for (const h of hot)
    console.log(`${String(h.selfPct).padStart(5)}%  ${String(h.selfMs).padStart(6)} ms  ${h.name}  ${h.where}`)
}
