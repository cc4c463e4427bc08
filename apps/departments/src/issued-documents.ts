// Documents a reference department issues with a status change (e.g. the birth certificate): kept in
// the department's own SQLite file, served to the gateway at GET /issued/:id (signed requests only).
import { createHash, randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'

export interface IssuedDocuments {
  issue(trackingNumber: string, title: string, lines: string[]): { id: string; sha256: string }
  get(id: string): Buffer | null
}

/** A one-page PDF with the given lines: enough for a demo certificate, readable by any viewer. */
export function simplePdf(title: string, lines: string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`).replace(/[^\x20-\x7e]/g, '?')
  const content = [
    'BT /F1 20 Tf 72 760 Td',
    `(${escape(title)}) Tj`,
    '/F1 12 Tf',
    ...lines.flatMap((line) => ['0 -24 Td', `(${escape(line)}) Tj`]),
    'ET',
  ].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf))
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf)
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

export function openIssuedDocuments(db: Database.Database): IssuedDocuments {
  db.exec(`CREATE TABLE IF NOT EXISTS issued_document (
    id TEXT PRIMARY KEY,
    tracking_number TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    issued_at TEXT NOT NULL
  )`)
  const insert = db.prepare('INSERT INTO issued_document VALUES (?, ?, ?, ?, ?)')
  const find = db.prepare('SELECT bytes FROM issued_document WHERE id = ?')
  return {
    issue(trackingNumber, title, lines) {
      const bytes = simplePdf(title, lines)
      const id = randomUUID()
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      insert.run(id, trackingNumber, sha256, bytes, new Date().toISOString())
      return { id, sha256 }
    },
    get(id) {
      const row = find.get(id) as { bytes: Buffer } | undefined
      return row?.bytes ?? null
    },
  }
}
