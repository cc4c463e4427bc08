import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './env.ts'

describe('gateway configuration', () => {
  it('defaults to the embedded SQLite database under data/ and a loopback port', () => {
    const config = loadConfig({})
    expect(config.databaseUrl).toMatch(/^file:.*\/data\/darwaza\.db$/)
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, lookupDeadlineMs: 3000, corsOrigins: [] })
  })

  it('takes PostgreSQL from DATABASE_URL and a list of extra origins', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://darwaza@127.0.0.1:5432/darwaza',
      CORS_ORIGINS: 'app://kiosk, http://127.0.0.1:5173',
    })
    expect(config.databaseUrl).toBe('postgresql://darwaza@127.0.0.1:5432/darwaza')
    expect(config.corsOrigins).toEqual(['app://kiosk', 'http://127.0.0.1:5173'])
  })

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be file:<path> \(SQLite\) or postgresql/],
    ['PORT', { PORT: 'eighty' }, /PORT: /],
    ['PORT', { PORT: '70000' }, /PORT: /],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: /],
    ['CORS_ORIGINS', { CORS_ORIGINS: '*' }, /CORS_ORIGINS\.0: each origin is scheme:\/\/host/],
    ['LOOKUP_DEADLINE_MS', { LOOKUP_DEADLINE_MS: '-5' }, /LOOKUP_DEADLINE_MS: /],
  ])('refuses a bad %s with a message naming it', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
