// "Copy diagnostics report": the clipboard where the page may write to it, else a download of the
// same Markdown (plain HTTP pages and locked-down Electron windows often have no clipboard).

export type ExportOutcome = 'copied' | 'downloaded'

export async function exportReport(markdown: string, now = Date.now()): Promise<ExportOutcome> {
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard')
    await navigator.clipboard.writeText(markdown)
    return 'copied'
  } catch {
    const blob = new Blob([markdown], { type: 'text/markdown' })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = `mdm-diagnostics-${new Date(now).toISOString().replace(/[:.]/g, '-')}.md`
    document.body.appendChild(a)
    a.click()
    a.remove()
    URL.revokeObjectURL(url)
    return 'downloaded'
  }
}
