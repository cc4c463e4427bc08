// U+0000 cannot be stored in PostgreSQL text or JSON (SQLite keeps it), and nobody means to type it:
// input holding it is refused before it reaches the database, naming where it was, the same on both.

/**
 * Where the first string or object key holding U+0000 is in a parsed JSON value, as a dotted path
 * ('' for the value itself), or null when there is none. Iterative, so no nesting depth overflows it.
 */
export function nulCharacterAt(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path
      continue
    }
    if (typeof item !== 'object' || item === null) continue
    const entries: [string, unknown][] = Array.isArray(item)
      ? item.map((child: unknown, index) => [String(index), child])
      : Object.entries(item)
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, child] = entries[index]!
      const childPath = path ? `${path}.${key}` : key
      if (key.includes('\u0000')) return childPath
      pending.push([child, childPath])
    }
  }
  return null
}
