import { describe, expect, it } from 'vitest'
import { digitsOnly, fieldMessage } from './field-messages.ts'

describe('field error messages in the citizen’s language', () => {
  it('names the field and the limit in English', () => {
    expect(fieldMessage({ reason: 'required' }, 'en', 'Child’s name')).toBe('Child’s name is required')
    expect(fieldMessage({ reason: 'too_long', limit: 80 }, 'en', 'Child’s name')).toBe(
      'Child’s name must be at most 80 characters',
    )
    expect(fieldMessage({ reason: 'too_short', limit: 1 }, 'en', 'Note')).toBe('Note must be at least 1 character')
    expect(fieldMessage({ reason: 'minimum', limit: 1 }, 'en', 'Household size')).toBe(
      'Household size must be 1 or more',
    )
    expect(fieldMessage({ reason: 'maximum', limit: 10_000_000 }, 'en', 'Monthly income')).toBe(
      'Monthly income must be 10,000,000 or less',
    )
    expect(fieldMessage({ reason: 'not_allowed', allowed: ['Male', 'Female'] }, 'en', 'Sex')).toBe(
      'Sex must be one of Male or Female',
    )
    expect(fieldMessage({ reason: 'format', digits: { min: 13, max: 13 } }, 'en', 'CNIC')).toBe(
      'CNIC must be 13 digits',
    )
    expect(fieldMessage({ reason: 'format', digits: { min: 10, max: 12 } }, 'en', 'Consumer number')).toBe(
      'Consumer number must be 10 to 12 digits',
    )
    expect(fieldMessage({ reason: 'format', example: 'PK36SCBL0000001123456702' }, 'en', 'IBAN')).toBe(
      'IBAN is not in the expected format, for example PK36SCBL0000001123456702',
    )
    expect(fieldMessage({ reason: 'format', format: 'date' }, 'en', 'Date of birth')).toBe(
      'Date of birth must be a date (YYYY-MM-DD)',
    )
    expect(fieldMessage({ reason: 'wrong_type', type: 'integer' }, 'en', 'Household size')).toBe(
      'Household size must be a whole number',
    )
  })

  it('says the same in Urdu, with the limits', () => {
    expect(fieldMessage({ reason: 'required' }, 'ur', 'بچے کا نام')).toBe('بچے کا نام درج کریں')
    expect(fieldMessage({ reason: 'too_long', limit: 80 }, 'ur', 'بچے کا نام')).toBe(
      'بچے کا نام میں زیادہ سے زیادہ 80 حروف ہو سکتے ہیں',
    )
    expect(fieldMessage({ reason: 'too_short', limit: 2 }, 'ur', 'جائے پیدائش')).toBe(
      'جائے پیدائش میں کم از کم 2 حروف ہونے چاہئیں',
    )
    expect(fieldMessage({ reason: 'minimum', limit: 1 }, 'ur', 'گھرانے کے افراد')).toBe(
      'گھرانے کے افراد کم از کم 1 ہونا چاہیے',
    )
    expect(fieldMessage({ reason: 'format', digits: { min: 13, max: 13 } }, 'ur', 'شناختی کارڈ نمبر')).toBe(
      'شناختی کارڈ نمبر صرف 13 ہندسوں پر مشتمل ہونا چاہیے',
    )
    expect(fieldMessage({ reason: 'not_allowed', allowed: ['لڑکا', 'لڑکی'] }, 'ur', 'جنس')).toBe(
      'جنس کے لیے ان میں سے ایک منتخب کریں: لڑکا یا لڑکی',
    )
    expect(fieldMessage({ reason: 'format', format: 'date' }, 'ur', 'تاریخ پیدائش')).toBe(
      'تاریخ پیدائش درست تاریخ ہونی چاہیے (YYYY-MM-DD)',
    )
  })

  it('says the same in Arabic, with the limits', () => {
    expect(fieldMessage({ reason: 'required' }, 'ar', 'اسم الطفل')).toBe('أدخل اسم الطفل')
    expect(fieldMessage({ reason: 'too_long', limit: 80 }, 'ar', 'اسم الطفل')).toBe(
      'يجب ألا يزيد عدد أحرف اسم الطفل على 80',
    )
    expect(fieldMessage({ reason: 'too_short', limit: 2 }, 'ar', 'مكان الولادة')).toBe(
      'يجب ألا يقل عدد أحرف مكان الولادة عن 2',
    )
    expect(fieldMessage({ reason: 'maximum', limit: 30 }, 'ar', 'عدد أفراد الأسرة')).toBe(
      'يجب ألا تزيد قيمة عدد أفراد الأسرة على 30',
    )
    expect(fieldMessage({ reason: 'format', digits: { min: 10, max: 12 } }, 'ar', 'رقم المشترك')).toBe(
      'يجب أن يتكون رقم المشترك من أرقام فقط، وعددها من 10 إلى 12',
    )
    expect(fieldMessage({ reason: 'not_allowed', allowed: ['ذكر', 'أنثى'] }, 'ar', 'الجنس')).toBe(
      'اختر الجنس من بين: ذكر أو أنثى',
    )
  })

  it('does not spell out a long list of allowed values', () => {
    const allowed = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    expect(fieldMessage({ reason: 'not_allowed', allowed }, 'en', 'Basic Health Unit')).toBe(
      'Choose one of the options for Basic Health Unit',
    )
  })

  it('recognises patterns that ask for digits only', () => {
    expect(digitsOnly('^[0-9]{13}$')).toEqual({ min: 13, max: 13 })
    expect(digitsOnly('^\\d{10,12}$')).toEqual({ min: 10, max: 12 })
    expect(digitsOnly('^[A-Z]{2,4}-[0-9]{4,10}$')).toBeUndefined()
  })
})
