// Hostile input for property-based tests (fast-check): junk JSON of every kind, strings that break
// naive code (lone surrogates, bidirectional overrides, zero-width characters, mixed Urdu and English,
// NUL), deep nesting, prototype-pollution keys; plus a fingerprint of a whole database, to show that
// none of it changed anything, and raw HTTP for requests fetch() will not send (lying lengths).
import { createHash } from 'node:crypto'
import { connect } from 'node:net'
import type { Db, Provider } from '@darwaza/db'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { testEnv } from './env.ts'

/** A property's run count (scaled by DARWAZA_FUZZ_SCALE) and the fixed seed (DARWAZA_FUZZ_SEED). */
export function fuzzParameters(baseRuns: number): { seed: number; numRuns: number } {
  return { seed: testEnv.fuzzSeed, numRuns: Math.max(1, Math.round(baseRuns * testEnv.fuzzScale)) }
}

/** Keys that change an object's prototype or constructor when code copies keys by assignment. */
export const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']

/** Written as escapes: invisible and direction-changing characters do not belong in source as they are. */
export const trickyStrings: readonly string[] = [
  '',
  ' ',
  '   \t\n',
  '\u0000',
  'a\u0000b',
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  'x\uDC00\uD800y', // surrogates in the wrong order
  '\u202Egnp.exe', // RIGHT-TO-LEFT OVERRIDE
  '35202\u202E1-7654321-1', // an identity number with an override inside
  '\u2066\u2067\u2068\u2069', // isolates
  '\u200B\u200C\u200D\u2060\uFEFF', // zero-width space, non-joiner, joiner, word joiner, BOM
  'e\u0301\u0301\u0301', // stacked combining marks
  'پانی کا بل', // Urdu: water bill
  'Ayesha عائشہ Khan خان', // mixed Urdu and English
  'درخواست 12 for ڈرائیونگ licence', // mixed direction with digits
  '۳۵۲۰۲-۱۲۳۴۵۶۷-۱', // an identity number in Extended Arabic-Indic digits
  '٣٥٢٠٢١٢٣٤٥٦٧١', // Arabic-Indic digits
  '３５２０２', // fullwidth digits
  '𝟑𝟓𝟐𝟎𝟐', // mathematical digits
  '👩‍👩‍👧‍👦🇵🇰', // emoji sequences
  '\r\nSet-Cookie: a=b',
  '<script>alert(1)</script>',
  '\'; DROP TABLE "Citizen"; --',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '${7*7}{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  '2026-02-30T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
]

/** Strings that often satisfy one field's schema, so some inputs are wrong in one field only. */
const plausibleStrings: readonly string[] = [
  'en',
  'ur',
  'ar',
  '35202-1234567-1',
  '123456',
  'traffic-police',
  'renew-driving-licence',
  'lahore-gulberg',
  'health',
  'clerk',
  'Counter 3',
  'TP-2026-000001',
  'idempotency-key-0001',
  '123456789012345678',
  'http://127.0.0.1:9',
  'someone@example.org',
  'YWJj',
]

const unitChars = ['a', 'ب', '\u202E', '\u200B', '\uD800', '\u0000', 'é', '😀', '۱', '"', '\\']

/** Any string, weighted towards the ones that break things; `maxHuge` bounds the longest. */
export function hostileString(maxHuge = 100_000): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...trickyStrings) },
    { weight: 2, arbitrary: fc.constantFrom(...plausibleStrings) },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...unitChars), maxLength: 60 }) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...unitChars, 'x', 'پانی '), fc.integer({ min: 65, max: Math.max(65, maxHuge) }))
        .map(([unit, times]) => unit.repeat(Math.ceil(times / unit.length))),
    },
  )
}

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(), // NaN and the infinities become null in JSON
  fc.constantFrom(0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE, 18_446_744_073_709_551_616),
)

function hostileLeaf(maxHuge: number): fc.Arbitrary<unknown> {
  return fc.oneof(hostileString(maxHuge), hostileNumber, fc.boolean(), fc.constant(null))
}

/** An object built with own properties, so "__proto__" is a key and not a prototype. */
function objectOf(keys: fc.Arbitrary<string>, values: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(keys, values), { maxLength: 5 }).map((entries) => Object.fromEntries(entries))
}

function hostileKey(fieldNames: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...pollutionKeys) },
    { weight: fieldNames.length ? 3 : 0, arbitrary: fc.constantFrom(...(fieldNames.length ? fieldNames : ['x'])) },
    { weight: 2, arbitrary: hostileString(200) },
  )
}

/** Arrays and objects nested `depth` levels, built without recursion. */
export function nested(depth: number, kind: 'array' | 'object' | 'mixed', leaf: unknown = 'deep'): unknown {
  let value = leaf
  for (let level = 0; level < depth; level++) {
    const asArray = kind === 'array' || (kind === 'mixed' && level % 2 === 0)
    value = asArray ? [value] : Object.fromEntries([[pollutionKeys[level % pollutionKeys.length] ?? 'a', value]])
  }
  return value
}

/** JSON text nested far deeper than JSON.stringify (or a recursive parser) goes: `[[[…]]]` or `{"a":{"a":…}}`. */
export function deepJsonText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

/** Any JSON value, wrong for almost any schema: leaves, small arrays and objects, and deep nesting. */
export function hostileJson(fieldNames: readonly string[] = [], maxHuge = 100_000): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileLeaf(maxHuge),
      fc.array(tie('value'), { maxLength: 4 }),
      objectOf(hostileKey(fieldNames), tie('value')),
    ),
  }))
  const deep = fc
    .tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array'>)
    .map(([depth, kind]) => nested(depth, kind))
  return fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: deep })
}

/** Any text an HTTP client will put in a header: printable ASCII (requests with worse are sent raw). */
export function headerText(maxLength = 200): fc.Arbitrary<string> {
  return fc
    .oneof(fc.string({ unit: 'binary-ascii', maxLength }), hostileString(maxLength))
    .map((text) => text.replace(/[^\x20-\x7e]/g, '').trim())
}

/** What a procedure's input schema is, as far as the generators need: its field names, if an object. */
interface SchemaLike {
  shape?: Record<string, unknown>
  options?: readonly SchemaLike[]
  unwrap?: () => SchemaLike
}

export function fieldNamesOf(schema: unknown): string[] {
  const found = schema as SchemaLike | undefined
  if (!found) return []
  if (found.shape) return Object.keys(found.shape)
  if (found.options) return [...new Set(found.options.flatMap(fieldNamesOf))]
  if (typeof found.unwrap === 'function') return fieldNamesOf(found.unwrap())
  return []
}

/**
 * Inputs shaped like the schema's objects: each field present or not, with a plausible or a hostile
 * value, plus extra keys (prototype pollution among them). Refusal by the schema is left to the caller.
 */
export function shapedInput(fieldNames: readonly string[], maxHuge = 100_000): fc.Arbitrary<Record<string, unknown>> {
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(...plausibleStrings, 1, true, ['en'], { en: 'A', ur: 'ب' }) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 4, arbitrary: hostileJson([], maxHuge) },
  )
  const fields = fc.tuple(
    ...fieldNames.map((name) =>
      fc.option(
        value.map((v) => [name, v] as const),
        { freq: 4 },
      ),
    ),
  )
  const extra = fc.array(fc.tuple(hostileKey([]), hostileJson([], 1000)), { maxLength: 2 })
  return fc
    .tuple(fields, fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra }))
    .map(([present, extras]) =>
      Object.fromEntries([...present.filter((entry) => entry !== null), ...extras] as [string, unknown][]),
    )
}

/** JSON as the server will read it: what JSON.stringify drops or changes is gone here too. */
export function asSent(value: unknown): unknown {
  const text = JSON.stringify(value)
  return text === undefined ? undefined : JSON.parse(text)
}

// ---------------------------------------------------------------------------------------------

const volatileColumns: Record<string, readonly string[]> = {
  // Every signed-in request slides its session's idle expiry; that is the request being served.
  Session: ['expiresAt'],
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return item.toString()
    if (item instanceof Uint8Array) return Buffer.from(item).toString('base64')
    return item
  })
}

/** Every table's row count and a hash of its rows (volatile columns aside), and the audit chain's head. */
export async function databaseFingerprint(db: Db, provider: Provider): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    provider === 'postgresql'
      ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
      : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  )
  const fingerprint: Record<string, string> = {}
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
    const skipped = volatileColumns[name] ?? []
    const lines = rows.map((row) => stable(Object.entries(row).filter(([column]) => !skipped.includes(column)))).sort()
    fingerprint[name] =
      `${rows.length} rows, ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`
  }
  const head = await db.auditEvent.findFirst({ orderBy: { sequence: 'desc' }, select: { sequence: true } })
  fingerprint['audit chain head'] = String(head?.sequence ?? 0)
  return fingerprint
}

/** The same for a SQLite file another process or server keeps (a reference department's own store). */
export function sqliteFileFingerprint(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
      name: string
    }[]
    return Object.fromEntries(
      tables.map(({ name }) => {
        const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all()
        const lines = rows.map((row) => stable(row)).sort()
        return [
          name,
          `${rows.length} rows, ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`,
        ]
      }),
    )
  } finally {
    db.close()
  }
}

// ---------------------------------------------------------------------------------------------

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** Milliseconds from the first byte sent to the response's end. */
  elapsedMs: number
  /** Bytes of the request written when the response's status line arrived (-1: none arrived). */
  bytesSentBeforeAnswer: number
  /** Bytes of the request written in all, when the connection ended. */
  bytesSent: number
}

/**
 * Sends a request byte for byte over a plain socket: a head that may lie about its length, then a
 * body that may be a never-ending chunked stream. Resolves with the response (the socket is then
 * closed), or rejects when no answer comes within `timeoutMs`.
 */
export function rawHttp(
  baseUrl: string,
  request: {
    head: string
    body?: Buffer | string
    /** Keep writing chunks of this many bytes (chunked encoding) until the server answers or cuts off. */
    streamChunkBytes?: number
    /** Stop streaming after this many bytes (then hold the connection open). */
    streamLimitBytes?: number
    timeoutMs?: number
  },
): Promise<RawResponse> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket = connect(Number(url.port), url.hostname)
    let received = Buffer.alloc(0)
    let sent = 0
    let sentAtAnswer = -1
    let streaming = false
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer within ${request.timeoutMs ?? 5000} ms (${sent} bytes sent)`))
    }, request.timeoutMs ?? 5000)
    const write = (data: Buffer | string) => {
      sent += Buffer.byteLength(data)
      return socket.write(data)
    }
    const finish = () => {
      clearTimeout(timer)
      streaming = false
      const text = received.toString('latin1')
      const split = text.indexOf('\r\n\r\n')
      const head = split >= 0 ? text.slice(0, split) : text
      const [statusLine = '', ...headerLines] = head.split('\r\n')
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(':')
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
        }),
      )
      let body: Buffer =
        split >= 0 ? received.subarray(Buffer.byteLength(text.slice(0, split + 4), 'latin1')) : Buffer.alloc(0)
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body)
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers,
        body: body.toString('utf8'),
        elapsedMs: Date.now() - started,
        bytesSentBeforeAnswer: sentAtAnswer,
        bytesSent: sent,
      })
      socket.destroy()
    }
    socket.on('data', (chunk: Buffer) => {
      if (sentAtAnswer < 0) sentAtAnswer = sent
      received = Buffer.concat([received, chunk])
      if (isComplete(received)) finish()
    })
    socket.on('end', finish)
    socket.on('close', finish)
    socket.on('error', () => {
      // A server that cuts a streaming client off resets the connection; what arrived is the answer.
      finish()
    })
    socket.once('connect', () => {
      write(request.head)
      if (request.body !== undefined) write(request.body)
      const chunkBytes = request.streamChunkBytes
      if (!chunkBytes) return
      streaming = true
      const chunk = Buffer.concat([
        Buffer.from(`${chunkBytes.toString(16)}\r\n`),
        Buffer.alloc(chunkBytes, 0x61),
        Buffer.from('\r\n'),
      ])
      const pump = () => {
        while (streaming && sentAtAnswer < 0 && sent < (request.streamLimitBytes ?? Infinity)) {
          if (!write(chunk)) {
            socket.once('drain', pump)
            return
          }
        }
      }
      pump()
    })
  })
}

function isComplete(data: Buffer): boolean {
  const text = data.toString('latin1')
  const split = text.indexOf('\r\n\r\n')
  if (split < 0) return false
  const head = text.slice(0, split).toLowerCase()
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head)?.[1]
  const bodyBytes = data.length - Buffer.byteLength(text.slice(0, split + 4), 'latin1')
  if (length !== undefined) return bodyBytes >= Number(length)
  if (head.includes('transfer-encoding: chunked')) return text.endsWith('\r\n0\r\n\r\n')
  return false
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = []
  let offset = 0
  while (offset < data.length) {
    const lineEnd = data.indexOf('\r\n', offset)
    if (lineEnd < 0) break
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16)
    if (!size) break
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size))
    offset = lineEnd + 2 + size + 2
  }
  return Buffer.concat(parts)
}
