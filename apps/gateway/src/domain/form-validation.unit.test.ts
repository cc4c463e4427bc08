import { describe, expect, it } from 'vitest'
import { validateForm } from './form-validation.ts'

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['challanNumber'],
  properties: {
    challanNumber: { type: 'string', pattern: '^[0-9]{10}$' },
    note: { type: 'string', maxLength: 5 },
  },
}

describe('form validation against a service version’s JSON Schema', () => {
  it('accepts valid data', () => {
    expect(validateForm('t@1', schema, { challanNumber: '1234567890' })).toEqual([])
  })

  it('names every field at fault with a reason', () => {
    expect(validateForm('t@1', schema, { note: 'far too long', colour: 'red' })).toEqual(
      expect.arrayContaining([
        { field: 'challanNumber', reason: 'required', message: 'challanNumber is required' },
        { field: 'colour', reason: 'unknown_field', message: 'colour is not a field of this form' },
        { field: 'note', reason: 'too_long', message: 'note must be at most 5 characters' },
      ]),
    )
  })

  it('reports a malformed value as a format error on that field', () => {
    expect(validateForm('t@1', schema, { challanNumber: '12345' })).toEqual([
      { field: 'challanNumber', reason: 'format', message: 'challanNumber must be 10 digits' },
    ])
    expect(validateForm('t@1', schema, { challanNumber: 1234567890 })).toEqual([
      { field: 'challanNumber', reason: 'wrong_type', message: 'challanNumber must be text' },
    ])
  })

  it('words each error in the citizen’s language with the form’s labels and the limit', () => {
    const fields = {
      challanNumber: { label: { en: 'Challan number', ur: 'چالان نمبر', ar: 'رقم المخالفة' } },
      note: { label: { en: 'Note', ur: 'نوٹ' } },
    }
    const data = { challanNumber: '12', note: 'far too long' }
    expect(validateForm('t@1', schema, data, { language: 'ur', fields })).toEqual([
      { field: 'challanNumber', reason: 'format', message: 'چالان نمبر صرف 10 ہندسوں پر مشتمل ہونا چاہیے' },
      { field: 'note', reason: 'too_long', message: 'نوٹ میں زیادہ سے زیادہ 5 حروف ہو سکتے ہیں' },
    ])
    expect(validateForm('t@1', schema, data, { language: 'ar', fields })).toEqual([
      { field: 'challanNumber', reason: 'format', message: 'يجب أن يتكون رقم المخالفة من أرقام فقط، وعددها 10' },
      // No Arabic label: the English one.
      { field: 'note', reason: 'too_long', message: 'يجب ألا يزيد عدد أحرف Note على 5' },
    ])
    expect(validateForm('t@1', schema, data, { language: 'en', fields })).toEqual([
      { field: 'challanNumber', reason: 'format', message: 'Challan number must be 10 digits' },
      { field: 'note', reason: 'too_long', message: 'Note must be at most 5 characters' },
    ])
  })

  it('names the allowed values by their labels, a range’s limits and the example of a pattern', () => {
    const form = {
      type: 'object',
      properties: {
        sex: { enum: ['male', 'female'] },
        householdSize: { type: 'integer', minimum: 1, maximum: 30 },
        iban: { type: 'string', pattern: '^PK[0-9]{2}[A-Z]{4}[0-9]{16}$' },
        other: { type: 'string', const: 'x' },
      },
    }
    const fields = {
      sex: {
        label: { en: 'Sex', ur: 'جنس' },
        options: { male: { en: 'Boy', ur: 'لڑکا' }, female: { en: 'Girl', ur: 'لڑکی' } },
      },
      householdSize: { label: { en: 'People in the household', ur: 'گھرانے کے افراد' } },
      iban: { label: { en: 'IBAN', ur: 'آئی بین' }, placeholder: 'PK36SCBL0000001123456702' },
    }
    const data = { sex: 'other', householdSize: 31, iban: 'PK1', other: 'y' }
    expect(validateForm('ranges@1', form, data, { language: 'ur', fields })).toEqual([
      { field: 'sex', reason: 'not_allowed', message: 'جنس کے لیے ان میں سے ایک منتخب کریں: لڑکا یا لڑکی' },
      { field: 'householdSize', reason: 'maximum', message: 'گھرانے کے افراد زیادہ سے زیادہ 30 ہونا چاہیے' },
      { field: 'iban', reason: 'format', message: 'آئی بین درست شکل میں نہیں ہے، مثال: PK36SCBL0000001123456702' },
      // A rule without words of its own keeps its keyword as the reason.
      { field: 'other', reason: 'const', message: 'other درست نہیں ہے' },
    ])
  })
})

describe('schemas that share an $id', () => {
  const withId = (maxLength: number) => ({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://forms.example.gov.pk/birth-certificate.json',
    type: 'object',
    additionalProperties: false,
    required: ['childName'],
    properties: { childName: { $ref: '#/$defs/name' } },
    $defs: { name: { type: 'string', maxLength } },
  })

  it('validates version 2 of a form with the same $id as version 1, each by its own rules', () => {
    expect(validateForm('birth-certificate@1', withId(5), { childName: 'Ali' })).toEqual([])
    expect(validateForm('birth-certificate@2', withId(2), { childName: 'Ali' })).toEqual([
      expect.objectContaining({ field: 'childName', reason: 'too_long' }),
    ])
    // Each version keeps its own compiled rules.
    expect(validateForm('birth-certificate@1', withId(5), { childName: 'Ali' })).toEqual([])
  })

  it('validates two services whose forms carry the same $id', () => {
    expect(validateForm('shared-id-a@1', withId(10), { childName: 'Ayesha' })).toEqual([])
    expect(validateForm('shared-id-b@1', withId(3), { childName: 'Ayesha' })).toEqual([
      expect.objectContaining({ field: 'childName', reason: 'too_long' }),
    ])
  })

  it('resolves a reference to the form’s own $id', () => {
    const schema = {
      ...withId(4),
      $id: 'https://forms.example.gov.pk/self-reference.json',
      properties: { childName: { $ref: 'https://forms.example.gov.pk/self-reference.json#/$defs/name' } },
    }
    expect(validateForm('self-reference@1', schema, { childName: 'Ayesha' })).toEqual([
      expect.objectContaining({ field: 'childName', reason: 'too_long' }),
    ])
    expect(validateForm('self-reference@2', schema, { childName: 'Ali' })).toEqual([])
  })
})
