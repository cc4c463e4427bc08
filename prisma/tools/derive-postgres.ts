// Writes postgres/schema.prisma from the canonical SQLite schema. With --check, fails when the
// committed derived schema is stale instead of writing it.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const canonical = readFileSync(path.join(root, 'schema.prisma'), 'utf8')
const header = '// GENERATED from ../schema.prisma by tools/derive-postgres.ts. Do not edit.\n\n'
const derived =
  header +
  canonical
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "./generated/sqlite"', 'output       = "../generated/postgres"')

if (derived === header + canonical) throw new Error('derive-postgres: schema.prisma did not match the expected shape')

const target = path.join(root, 'postgres/schema.prisma')
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== derived) {
    console.error('prisma/postgres/schema.prisma is stale: run `pnpm db:generate` and commit it.')
    process.exit(1)
  }
} else {
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, derived)
}
