import { mkdirSync } from 'node:fs'
import path from 'node:path'

export type Provider = 'sqlite' | 'postgresql'

/** SQLite is the embedded default (`file:<path>`); `postgresql://…` selects the scale-out store. */
export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql'
  if (url.startsWith('file:')) return 'sqlite'
  throw new Error(`Unsupported database URL "${redactUrl(url)}": expected file:<path> or postgresql://…`)
}

/** The file behind a `file:` URL, with its folder created so a first start can make the database. */
export function sqliteFilePath(url: string): string {
  const file = path.resolve(url.slice('file:'.length))
  mkdirSync(path.dirname(file), { recursive: true })
  return file
}

/** A URL safe to print: the password, if any, is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}
