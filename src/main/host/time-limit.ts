// Shutdown must finish even if a part hangs: each step gets a deadline, and its timer is cleared.

/** Resolves to true when `work` settled within `ms`, false when the deadline passed first. */
export async function withinTimeLimit(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true
      ),
      deadline
    ])
  } finally {
    clearTimeout(timer)
  }
}
