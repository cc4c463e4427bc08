import path from 'node:path'
import { defineConfig } from 'prisma/config'

// Prisma's native schema engine cannot be downloaded on machines without internet, and Darwaza
// never uses it: migrations run through @prisma/schema-engine-wasm (see src/migrations.ts).
// `prisma generate` still insists on a path to an existing engine binary, so it gets a placeholder.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'tools/no-schema-engine')
process.env.CHECKPOINT_DISABLE ??= '1'

export default defineConfig({ schema: 'schema.prisma', migrations: { path: 'migrations' } })
