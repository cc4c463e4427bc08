// The messages citizens get when their application moves, in the language they applied in: the
// department's own text for that service and status when it wrote one, otherwise the gateway's.
// Short enough for one or two SMS segments; always with the tracking number; never personal data.
import type { ApplicationStatus } from '@darwaza/contracts/applications'
import type { NotificationTemplates } from '@darwaza/contracts/catalogue'
import type { Language } from '@darwaza/contracts/localized'

type Template = (service: string, trackingNumber: string) => string

const templates: Record<Language, Record<ApplicationStatus, Template>> = {
  en: {
    submitted: (service, number) => `Darwaza: your application for ${service} is submitted. Tracking number ${number}.`,
    received: (service, number) => `Darwaza: the department has received your application ${number} (${service}).`,
    in_review: (service, number) => `Darwaza: your application ${number} (${service}) is being reviewed.`,
    needs_information: (service, number) =>
      `Darwaza: the department needs more information for ${number} (${service}). Open My applications to answer.`,
    approved: (service, number) => `Darwaza: your application ${number} (${service}) is approved.`,
    rejected: (service, number) =>
      `Darwaza: your application ${number} (${service}) was not approved. See My applications for the reason.`,
    completed: (service, number) => `Darwaza: your application ${number} (${service}) is complete.`,
  },
  ur: {
    submitted: (service, number) => `دروازہ: ${service} کے لیے آپ کی درخواست جمع ہو گئی۔ ٹریکنگ نمبر ${number}۔`,
    received: (service, number) => `دروازہ: محکمے کو آپ کی درخواست ${number} (${service}) موصول ہو گئی۔`,
    in_review: (service, number) => `دروازہ: آپ کی درخواست ${number} (${service}) زیرِ غور ہے۔`,
    needs_information: (service, number) =>
      `دروازہ: محکمے کو درخواست ${number} (${service}) کے لیے مزید معلومات درکار ہیں۔ جواب کے لیے "میری درخواستیں" کھولیں۔`,
    approved: (service, number) => `دروازہ: آپ کی درخواست ${number} (${service}) منظور ہو گئی۔`,
    rejected: (service, number) =>
      `دروازہ: آپ کی درخواست ${number} (${service}) منظور نہیں ہوئی۔ وجہ "میری درخواستیں" میں دیکھیں۔`,
    completed: (service, number) => `دروازہ: آپ کی درخواست ${number} (${service}) مکمل ہو گئی۔`,
  },
  ar: {
    submitted: (service, number) => `دروازة: قُدِّم طلبك لخدمة ${service}. رقم التتبع ${number}.`,
    received: (service, number) => `دروازة: استلمت الجهة طلبك ${number} (${service}).`,
    in_review: (service, number) => `دروازة: طلبك ${number} (${service}) قيد المراجعة.`,
    needs_information: (service, number) =>
      `دروازة: تحتاج الجهة إلى مزيد من المعلومات للطلب ${number} (${service}). افتح «سجلّاتي» للرد.`,
    approved: (service, number) => `دروازة: تمت الموافقة على طلبك ${number} (${service}).`,
    rejected: (service, number) =>
      `دروازة: لم تتم الموافقة على طلبك ${number} (${service}). اطّلع على السبب في «سجلّاتي».`,
    completed: (service, number) => `دروازة: اكتمل طلبك ${number} (${service}).`,
  },
}

const languageOf = (language: Language | string): Language => (language === 'en' || language === 'ar' ? language : 'ur')

export function statusMessage(
  status: ApplicationStatus,
  language: Language | string,
  service: { en: string; ur: string; ar?: string | undefined },
  trackingNumber: string,
  serviceTemplates?: NotificationTemplates | null,
): string {
  const chosen = languageOf(language)
  const own = serviceTemplates?.[status]?.[chosen]?.trim()
  if (own?.includes('{trackingNumber}')) return own.replaceAll('{trackingNumber}', trackingNumber)
  return templates[chosen][status](service[chosen] ?? service.en, trackingNumber)
}

/** The subject of the e-mail that carries the same message. */
export function statusSubject(language: Language | string, trackingNumber: string): string {
  const subjects: Record<Language, string> = {
    en: `Darwaza: your application ${trackingNumber}`,
    ur: `دروازہ: آپ کی درخواست ${trackingNumber}`,
    ar: `دروازة: طلبك ${trackingNumber}`,
  }
  return subjects[languageOf(language)]
}
