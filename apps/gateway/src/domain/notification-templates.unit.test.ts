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

  it.each(ApplicationStatus.options)(
    'say "%s" in Arabic, with the English title when there is no Arabic one',
    (status) => {
      const arabic = statusMessage(status, 'ar', service, 'DZ-10JN-YX23-4')
      expect(arabic).toContain('DZ-10JN-YX23-4')
      expect(arabic).toContain('دروازة')
      expect(arabic).toContain('Birth certificate')
      expect(statusMessage(status, 'ar', { ...service, ar: 'شهادة الميلاد' }, 'DZ-10JN-YX23-4')).toContain(
        'شهادة الميلاد',
      )
    },
  )
})

describe('a service’s own messages', () => {
  const templates = {
    approved: {
      en: 'Darwaza: your appointment {trackingNumber} is confirmed. Bring your CNIC.',
      ur: 'دروازہ: آپ کی ملاقات {trackingNumber} کی تصدیق ہو گئی۔ اپنا شناختی کارڈ ساتھ لائیں۔',
    },
  }

  it('replace the generic text for that status, in the citizen’s language, with the tracking number', () => {
    expect(statusMessage('approved', 'en', service, 'DZ-10JN-YX23-4', templates)).toBe(
      'Darwaza: your appointment DZ-10JN-YX23-4 is confirmed. Bring your CNIC.',
    )
    expect(statusMessage('approved', 'ur', service, 'DZ-10JN-YX23-4', templates)).toContain('DZ-10JN-YX23-4 کی تصدیق')
  })

  it('leave the other statuses, and a text without the tracking number, to the generic messages', () => {
    expect(statusMessage('received', 'en', service, 'DZ-10JN-YX23-4', templates)).toContain('has received')
    const broken = { approved: { en: 'Approved.', ur: 'منظور۔' } }
    expect(statusMessage('approved', 'en', service, 'DZ-10JN-YX23-4', broken)).toContain('DZ-10JN-YX23-4')
  })
})
