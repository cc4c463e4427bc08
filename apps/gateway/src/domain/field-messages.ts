// Words for a form field that failed validation, in the citizen's language (English, Urdu, Arabic):
// the field's label, what is wrong and the rule it broke (a length limit, a range, the values
// allowed, the shape expected), so the citizen can put it right without guessing. Pure: the
// caller says which problem, which language and what the field is called.
import type { Language } from '@darwaza/contracts/localized'

/** What is wrong with a field, with the limits of the rule it broke. `reason` is the stable code. */
export type FieldProblem =
  | { reason: 'required' }
  | { reason: 'unknown_field' }
  | { reason: 'too_short' | 'too_long'; limit: number }
  | {
      reason: 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum'
      limit: number
    }
  /** The allowed values, by their labels; a long list is not spelled out. */
  | { reason: 'not_allowed'; allowed: string[] }
  | { reason: 'wrong_type'; type: string }
  | {
      reason: 'format'
      /** A JSON Schema `format` (date, email, …) when that is what failed. */
      format?: string | undefined
      /** A number of digits and nothing else, when the pattern is one. */
      digits?: { min: number; max: number } | undefined
      /** What a good answer looks like (the form's placeholder), when there is one. */
      example?: string | undefined
    }
  /** Any other rule of the schema (its keyword is the reason code). */
  | { reason: 'invalid'; keyword: string }

/** Up to this many allowed values are named in the sentence. */
const maxNamedValues = 6

const locales: Record<Language, string> = { en: 'en-PK', ur: 'ur-PK', ar: 'ar' }

type Phrases = {
  required(label: string): string
  unknownField(label: string): string
  tooShort(label: string, limit: string, count: Intl.LDMLPluralRule): string
  tooLong(label: string, limit: string, count: Intl.LDMLPluralRule): string
  minimum(label: string, limit: string): string
  maximum(label: string, limit: string): string
  exclusiveMinimum(label: string, limit: string): string
  exclusiveMaximum(label: string, limit: string): string
  notAllowed(label: string, allowed: string): string
  notAllowedAny(label: string): string
  wrongType(label: string, type: string): string
  types: Record<string, string>
  digits(label: string, count: string, many: Intl.LDMLPluralRule): string
  digitsBetween(label: string, min: string, max: string): string
  formats: Record<string, (label: string) => string>
  format(label: string): string
  formatWithExample(label: string, example: string): string
  invalid(label: string): string
}

const phrases: Record<Language, Phrases> = {
  en: {
    required: (label) => `${label} is required`,
    unknownField: (label) => `${label} is not a field of this form`,
    tooShort: (label, limit, count) =>
      `${label} must be at least ${limit} ${count === 'one' ? 'character' : 'characters'}`,
    tooLong: (label, limit, count) =>
      `${label} must be at most ${limit} ${count === 'one' ? 'character' : 'characters'}`,
    minimum: (label, limit) => `${label} must be ${limit} or more`,
    maximum: (label, limit) => `${label} must be ${limit} or less`,
    exclusiveMinimum: (label, limit) => `${label} must be more than ${limit}`,
    exclusiveMaximum: (label, limit) => `${label} must be less than ${limit}`,
    notAllowed: (label, allowed) => `${label} must be one of ${allowed}`,
    notAllowedAny: (label) => `Choose one of the options for ${label}`,
    wrongType: (label, type) => `${label} must be ${type}`,
    types: {
      string: 'text',
      integer: 'a whole number',
      number: 'a number',
      boolean: 'yes or no',
      object: 'a group of answers',
      array: 'a list',
    },
    digits: (label, count, many) => `${label} must be ${count} ${many === 'one' ? 'digit' : 'digits'}`,
    digitsBetween: (label, min, max) => `${label} must be ${min} to ${max} digits`,
    formats: {
      date: (label) => `${label} must be a date (YYYY-MM-DD)`,
      time: (label) => `${label} must be a time (HH:MM)`,
      'date-time': (label) => `${label} must be a date and time`,
      email: (label) => `${label} must be an e-mail address`,
      uri: (label) => `${label} must be a web address`,
    },
    format: (label) => `${label} is not in the expected format`,
    formatWithExample: (label, example) => `${label} is not in the expected format, for example ${example}`,
    invalid: (label) => `${label} is not valid`,
  },
  ur: {
    required: (label) => `${label} درج کریں`,
    unknownField: (label) => `${label} اس فارم کا خانہ نہیں ہے`,
    tooShort: (label, limit, count) =>
      count === 'one'
        ? `${label} میں کم از کم ${limit} حرف ہونا چاہیے`
        : `${label} میں کم از کم ${limit} حروف ہونے چاہئیں`,
    tooLong: (label, limit, count) =>
      count === 'one'
        ? `${label} میں زیادہ سے زیادہ ${limit} حرف ہو سکتا ہے`
        : `${label} میں زیادہ سے زیادہ ${limit} حروف ہو سکتے ہیں`,
    minimum: (label, limit) => `${label} کم از کم ${limit} ہونا چاہیے`,
    maximum: (label, limit) => `${label} زیادہ سے زیادہ ${limit} ہونا چاہیے`,
    exclusiveMinimum: (label, limit) => `${label} ${limit} سے زیادہ ہونا چاہیے`,
    exclusiveMaximum: (label, limit) => `${label} ${limit} سے کم ہونا چاہیے`,
    notAllowed: (label, allowed) => `${label} کے لیے ان میں سے ایک منتخب کریں: ${allowed}`,
    notAllowedAny: (label) => `${label} کے لیے دیے گئے اختیارات میں سے ایک منتخب کریں`,
    wrongType: (label, type) => `${label} ${type} ہونا چاہیے`,
    types: {
      string: 'متن',
      integer: 'پورا عدد',
      number: 'عدد',
      boolean: 'ہاں یا نہیں',
      object: 'جوابات کا مجموعہ',
      array: 'فہرست',
    },
    digits: (label, count) => `${label} صرف ${count} ہندسوں پر مشتمل ہونا چاہیے`,
    digitsBetween: (label, min, max) => `${label} صرف ${min} سے ${max} ہندسوں پر مشتمل ہونا چاہیے`,
    formats: {
      date: (label) => `${label} درست تاریخ ہونی چاہیے (YYYY-MM-DD)`,
      time: (label) => `${label} درست وقت ہونا چاہیے (HH:MM)`,
      'date-time': (label) => `${label} درست تاریخ اور وقت ہونا چاہیے`,
      email: (label) => `${label} درست ای میل پتہ ہونا چاہیے`,
      uri: (label) => `${label} درست ویب پتہ ہونا چاہیے`,
    },
    format: (label) => `${label} درست شکل میں نہیں ہے`,
    formatWithExample: (label, example) => `${label} درست شکل میں نہیں ہے، مثال: ${example}`,
    invalid: (label) => `${label} درست نہیں ہے`,
  },
  // Arabic counts agree with the counted noun in six ways; these sentences count with "عدد" (the
  // number of …) so that one form is right for every limit.
  ar: {
    required: (label) => `أدخل ${label}`,
    unknownField: (label) => `${label} ليس من حقول هذا النموذج`,
    tooShort: (label, limit) => `يجب ألا يقل عدد أحرف ${label} عن ${limit}`,
    tooLong: (label, limit) => `يجب ألا يزيد عدد أحرف ${label} على ${limit}`,
    minimum: (label, limit) => `يجب ألا تقل قيمة ${label} عن ${limit}`,
    maximum: (label, limit) => `يجب ألا تزيد قيمة ${label} على ${limit}`,
    exclusiveMinimum: (label, limit) => `يجب أن تكون قيمة ${label} أكبر من ${limit}`,
    exclusiveMaximum: (label, limit) => `يجب أن تكون قيمة ${label} أقل من ${limit}`,
    notAllowed: (label, allowed) => `اختر ${label} من بين: ${allowed}`,
    notAllowedAny: (label) => `اختر أحد الخيارات في ${label}`,
    wrongType: (label, type) => `يجب أن يكون ${label} ${type}`,
    types: {
      string: 'نصًا',
      integer: 'عددًا صحيحًا',
      number: 'رقمًا',
      boolean: 'نعم أو لا',
      object: 'مجموعة إجابات',
      array: 'قائمة',
    },
    digits: (label, count) => `يجب أن يتكون ${label} من أرقام فقط، وعددها ${count}`,
    digitsBetween: (label, min, max) => `يجب أن يتكون ${label} من أرقام فقط، وعددها من ${min} إلى ${max}`,
    formats: {
      date: (label) => `يجب أن يكون ${label} تاريخًا صحيحًا (YYYY-MM-DD)`,
      time: (label) => `يجب أن يكون ${label} وقتًا صحيحًا (HH:MM)`,
      'date-time': (label) => `يجب أن يكون ${label} تاريخًا ووقتًا صحيحين`,
      email: (label) => `يجب أن يكون ${label} عنوان بريد إلكتروني صحيحًا`,
      uri: (label) => `يجب أن يكون ${label} رابطًا صحيحًا`,
    },
    format: (label) => `${label} ليس بالصيغة الصحيحة`,
    formatWithExample: (label, example) => `${label} ليس بالصيغة الصحيحة، مثال: ${example}`,
    invalid: (label) => `${label} غير صالح`,
  },
}

/** The sentence for one field problem, naming the field by its label, in this language. */
export function fieldMessage(problem: FieldProblem, language: Language, label: string): string {
  const words = phrases[language]
  const locale = locales[language]
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(value)
  const plural = (value: number) => new Intl.PluralRules(locale).select(value)
  switch (problem.reason) {
    case 'required':
      return words.required(label)
    case 'unknown_field':
      return words.unknownField(label)
    case 'too_short':
      return words.tooShort(label, number(problem.limit), plural(problem.limit))
    case 'too_long':
      return words.tooLong(label, number(problem.limit), plural(problem.limit))
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return words[problem.reason](label, number(problem.limit))
    case 'not_allowed':
      return problem.allowed.length === 0 || problem.allowed.length > maxNamedValues
        ? words.notAllowedAny(label)
        : words.notAllowed(label, new Intl.ListFormat(locale, { type: 'disjunction' }).format(problem.allowed))
    case 'wrong_type':
      return words.wrongType(label, words.types[problem.type] ?? problem.type)
    case 'format': {
      const byFormat = problem.format ? words.formats[problem.format] : undefined
      if (byFormat) return byFormat(label)
      if (problem.digits) {
        const { min, max } = problem.digits
        return min === max
          ? words.digits(label, number(min), plural(min))
          : words.digitsBetween(label, number(min), number(max))
      }
      return problem.example ? words.formatWithExample(label, problem.example) : words.format(label)
    }
    case 'invalid':
      return words.invalid(label)
  }
}

/** The number of digits a pattern asks for, when it asks for digits and nothing else (`^[0-9]{13}$`). */
export function digitsOnly(pattern: string): { min: number; max: number } | undefined {
  const match = /^\^(?:\[0-9\]|\\d)\{(\d+)(?:,(\d+))?\}\$$/.exec(pattern)
  if (!match) return undefined
  const min = Number(match[1])
  return { min, max: match[2] === undefined ? min : Number(match[2]) }
}
