import { ApplicationStatus } from '@darwaza/contracts/applications'
import { describe, expect, it } from 'vitest'
import { statusMessage } from './notification-templates.ts'

const service = { en: 'Birth certificate', ur: 'پیدائشی سرٹیفکیٹ' }

describe('status messages', () => {
  it.each(ApplicationStatus.options)('say "%s" in English and Urdu with the tracking number', (status) => {
    const english = statusMessage(status, 'en', service, 'DZ-10JN-YX23-4')
    const urdu = statusMessage(status, 'ur', service, 'DZ-10JN-YX23-4')
    expect(english).toContain('DZ-10JN-YX23-4')
    expect(english).toContain('Birth certificate')
    expect(urdu).toContain('DZ-10JN-YX23-4')
    expect(urdu).toContain('پیدائشی سرٹیفکیٹ')
    expect(urdu).toMatch(/[\u0600-\u06FF]/)
    expect(english.length).toBeLessThanOrEqual(160)
  })
})
