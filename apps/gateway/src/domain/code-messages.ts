// The text messages that carry one-time codes, in the language the person is using. Short (one SMS
// where the script allows), with the code, its lifetime, and a warning not to pass it on.
import type { Language } from '@darwaza/contracts/localized'

export function signInCodeMessage(language: Language, code: string, minutes: number): string {
  if (language === 'ur') {
    return `دروازہ: آپ کا سائن اِن کوڈ ${code} ہے۔ یہ ${minutes} منٹ میں ختم ہو جائے گا۔ یہ کوڈ کسی کو نہ بتائیں: کوئی اہلکار اسے نہیں مانگے گا۔`
  }
  if (language === 'ar') {
    return `دروازة: رمز تسجيل الدخول ${code}. تنتهي صلاحيته بعد ${minutes} دقائق. لا تشاركه مع أحد: لن يطلبه منك أي موظف.`
  }
  return `Darwaza: your sign-in code is ${code}. It expires in ${minutes} minutes. Never share it: no official will ask for it.`
}

/** Sent when a clerk asks to act for the citizen: the code is their consent, given by reading it out. */
export function consentCodeMessage(language: Language, clerkName: string, code: string): string {
  if (language === 'ur') {
    return `دروازہ: سروس سینٹر میں ${clerkName} آپ کی درخواست میں مدد کی اجازت چاہتے ہیں۔ صرف اگر آپ راضی ہوں تو انہیں یہ کوڈ بتائیں: ${code}۔`
  }
  if (language === 'ar') {
    return `دروازة: يطلب ${clerkName} في مركز الخدمة الإذن بمساعدتك في طلبك. إن وافقت فقط، أخبره بهذا الرمز: ${code}.`
  }
  return `Darwaza: ${clerkName} at the service centre asks to help you with your application. Only if you agree, tell them this code: ${code}.`
}
