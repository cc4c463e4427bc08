// Payment slip ids in the style of Pakistan's PSID: 18 digits a citizen reads out at a bank counter
// or types into a banking app; random, so one voucher's number says nothing about another's.
const prefix = '1007'

export function newPsid(pick: (bound: number) => number): string {
  return prefix + Array.from({ length: 14 }, () => String(pick(10))).join('')
}

export function isPsid(value: string): boolean {
  return /^\d{18}$/.test(value) && value.startsWith(prefix)
}
