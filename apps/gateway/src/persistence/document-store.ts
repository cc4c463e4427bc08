// Uploaded files on disk, content-addressed: the path is the SHA-256 of the bytes, so the same file
// is stored once, a stored file can never be changed under its name, and a name reveals nothing.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

export interface DocumentStore {
  put(bytes: Uint8Array): Promise<string>
  get(sha256: string): Promise<Buffer | null>
}

export function createDocumentStore(directory: string): DocumentStore {
  const pathOf = (sha256: string) => path.join(directory, sha256.slice(0, 2), sha256)
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const target = pathOf(sha256)
      const exists = await stat(target).then(
        () => true,
        () => false,
      )
      if (!exists) {
        await mkdir(path.dirname(target), { recursive: true })
        // Written beside its place, then renamed: a reader never sees half a file.
        const temporary = `${target}.${randomUUID()}.tmp`
        await writeFile(temporary, bytes, { mode: 0o600 })
        await rename(temporary, target)
      }
      return sha256
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null
      return readFile(pathOf(sha256)).catch(() => null)
    },
  }
}
