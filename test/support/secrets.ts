// The run-wide check that no secret reaches a log: every token, device credential, enrolment code,
// one-time code and draft link the tests are handed is written down here, every gateway's log is
// kept, and global teardown (test/global-setup.ts) scans the logs for any of them.
import { appendFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { inject } from 'vitest'

export const secretsFileName = 'secrets.ndjson'
export const logsFolderName = 'logs'

let logFiles = 0

/** Notes a secret the tests were given, to be looked for in every log at the end of the run. */
export function recordSecret(kind: string, value: string) {
  if (value.length < 6) return
  appendFileSync(path.join(inject('scratchDir'), secretsFileName), `${JSON.stringify({ kind, value })}\n`)
}

/** A new file for one server's log lines, scanned at the end of the run. */
export function newLogFile(name: string): string {
  const folder = path.join(inject('scratchDir'), logsFolderName)
  mkdirSync(folder, { recursive: true })
  return path.join(folder, `${name}-${process.pid}-${++logFiles}.log`)
}

const secretFields: Record<string, string> = {
  token: 'session token',
  credential: 'kiosk credential',
  enrolmentCode: 'kiosk enrolment code',
  resumeUrl: 'draft link',
}

/** Looks through a JSON answer for the secrets the gateway hands out, and notes them. */
export function recordSecretsIn(value: unknown, depth = 0) {
  if (depth > 6 || typeof value !== 'object' || value === null) return
  for (const [key, inner] of Object.entries(value)) {
    const kind = secretFields[key]
    if (kind && typeof inner === 'string') {
      recordSecret(kind, key === 'resumeUrl' ? (inner.split('code=')[1] ?? inner) : inner)
    }
    recordSecretsIn(inner, depth + 1)
  }
}

/** A fetch for test clients that notes the secrets in every answer. */
export const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init)
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('application/json')) {
    void response
      .clone()
      .json()
      .then((body: unknown) => recordSecretsIn(body))
      .catch(() => undefined)
  }
  return response
}

/**
 * Which secrets show up in the log text. A code counts only standing alone, not inside a longer run of
 * letters and digits (a request id's hex can hold any six digits).
 */
export function leaks(logText: string, secrets: { kind: string; value: string }[]) {
  const found: { kind: string; value: string }[] = []
  for (const secret of secrets) {
    const leaked = /^\d+$/.test(secret.value)
      ? new RegExp(`(?<![0-9A-Za-z])${secret.value}(?![0-9A-Za-z])`).test(logText)
      : logText.includes(secret.value)
    if (leaked) found.push(secret)
  }
  return found
}
