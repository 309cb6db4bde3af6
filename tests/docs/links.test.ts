// The README and docs/ stay true to the repository: every relative link and every repository path
// they name exists, every npm command they show is a real script, and nothing in src/ or docs/
// points at files outside the repository (a reader of a clone has only the clone).

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/fixtures'

const DOCS_DIR = path.join(REPO_ROOT, 'docs')
const README = path.join(REPO_ROOT, 'README.md')

function docPages(): string[] {
  return readdirSync(DOCS_DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(DOCS_DIR, f))
}

function markdownFiles(): string[] {
  return [README, ...docPages()]
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile() && /\.(ts|tsx|css|html|md)$/.test(f))
}

function rel(file: string): string {
  return path.relative(REPO_ROOT, file)
}

function insideRepo(target: string): boolean {
  const r = path.relative(REPO_ROOT, target)
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r)
}

/** Markdown prose without fenced code blocks, so shell examples are not read as links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '')
}

/** `[text](target)` targets in prose, inline code removed first. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '')
  return [...text.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1])
}

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target)

const OUTSIDE_NAMES = /shared\/(reference|fixtures)|\bDESIGN\.md\b|\bSTYLE\.md\b/

/** Paths a command writes, named by the docs but not kept in the repository. */
const GENERATED = new Set(['bench/results.json'])

/** Inline code spans and fenced blocks: where commands are shown. */
function codeIn(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1])
  const inline = [...prose(markdown).matchAll(/`([^`\n]+)`/g)].map((m) => m[1])
  return [...fenced, ...inline]
}

/** Relative links that do not resolve to a file in the repository, or carry an anchor. */
function brokenLinks(): { broken: string[]; checked: number } {
  const broken: string[] = []
  let checked = 0
  for (const file of markdownFiles()) {
    for (const target of linkTargets(readFileSync(file, 'utf8'))) {
      if (isExternal(target)) continue
      checked++
      const resolved = path.resolve(path.dirname(file), target)
      if (target.includes('#')) broken.push(`${rel(file)}: ${target} (anchors break silently; link the file)`)
      else if (!insideRepo(resolved)) broken.push(`${rel(file)}: ${target} (outside the repository)`)
      else if (!existsSync(resolved)) broken.push(`${rel(file)}: ${target} (no such file)`)
    }
  }
  return { broken, checked }
}

/** Repository paths named in `code` that do not exist. */
function missingPaths(): string[] {
  const missing: string[] = []
  for (const file of markdownFiles()) {
    for (const m of prose(readFileSync(file, 'utf8')).matchAll(/`((?:src|tests|e2e|bench|docs)\/[\w./-]+)`/g)) {
      if (!GENERATED.has(m[1]) && !existsSync(path.join(REPO_ROOT, m[1]))) missing.push(`${rel(file)}: ${m[1]}`)
    }
  }
  return missing
}

/** `npm run X` / `npm X` shown in code that package.json does not define. */
function unknownCommands(): { unknown: string[]; shown: number } {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const builtins = new Set(['ci', 'install'])
  const unknown: string[] = []
  let shown = 0
  for (const file of markdownFiles()) {
    for (const code of codeIn(readFileSync(file, 'utf8'))) {
      for (const m of code.matchAll(/(?:^|[\s&;(])npm (run )?([a-z][\w:-]*)/gm)) {
        shown++
        if (m[1] === undefined && builtins.has(m[2])) continue
        if (!(m[2] in pkg.scripts)) unknown.push(`${rel(file)}: ${m[0].trim()}`)
      }
    }
  }
  return { unknown, shown }
}

describe('README and docs/', () => {
  it('every relative link, repository path and npm command they show is real', () => {
    const links = brokenLinks()
    const commands = unknownCommands()
    expect([...links.broken, ...missingPaths(), ...commands.unknown]).toEqual([])
    expect(links.checked).toBeGreaterThan(10)
    expect(commands.shown).toBeGreaterThan(10)
    // The README's test command is what CI runs.
    expect(readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m)
  })

  it('the README is a front door of at most 400 lines that links every page in docs/', () => {
    const readme = readFileSync(README, 'utf8')
    expect(readme.split('\n').length).toBeLessThanOrEqual(400)
    const linked = new Set(linkTargets(readme).map((t) => path.resolve(REPO_ROOT, t)))
    const pages = docPages()
    expect(pages.map(rel)).toEqual(expect.arrayContaining(['docs/api.md', 'docs/troubleshooting.md', 'docs/cli.md']))
    expect(pages.filter((p) => !linked.has(p)).map(rel)).toEqual([])
    const troubleshooting = linkTargets(readFileSync(path.join(DOCS_DIR, 'troubleshooting.md'), 'utf8'))
    expect(troubleshooting).toContain('error-codes.md')
  })
})

describe('src/ and docs/', () => {
  it('point at nothing outside the repository', () => {
    const files = [...sourceFiles(path.join(REPO_ROOT, 'src')), ...docPages()]
    const bad: string[] = []
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      if (OUTSIDE_NAMES.test(text)) bad.push(`${rel(file)}: names material kept beside the repository`)
      for (const m of text.matchAll(/(?:\.\.\/)+[\w.@-][\w./@-]*/g)) {
        const target = path.resolve(path.dirname(file), m[0].replace(/[.,]+$/, ''))
        if (!insideRepo(target)) bad.push(`${rel(file)}: ${m[0]} (outside the repository)`)
      }
    }
    expect(bad).toEqual([])
    expect(files.length).toBeGreaterThan(100)
  })
})
