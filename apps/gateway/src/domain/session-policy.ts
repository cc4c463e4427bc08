// How long sessions live. Every use slides the idle expiry forward, never past the absolute limit.
import { createHash, randomBytes } from 'node:crypto'

export type SessionKind = 'citizen_web' | 'citizen_kiosk' | 'staff'

export interface SessionLifetimes {
  kioskIdleSeconds: number
  webIdleSeconds: number
  staffIdleSeconds: number
  absoluteSeconds: number
}

export function idleSecondsFor(kind: SessionKind, lifetimes: SessionLifetimes): number {
  if (kind === 'citizen_kiosk') return lifetimes.kioskIdleSeconds
  if (kind === 'citizen_web') return lifetimes.webIdleSeconds
  return lifetimes.staffIdleSeconds
}

/** 256 random bits, URL-safe. The client holds the token; the database only its SHA-256. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function slideExpiry(session: { idleSeconds: number; absoluteExpiresAt: Date }, now: Date): Date {
  return new Date(Math.min(now.getTime() + session.idleSeconds * 1000, session.absoluteExpiresAt.getTime()))
}
