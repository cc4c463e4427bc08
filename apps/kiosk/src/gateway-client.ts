import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client'
import type { ErrorCode, FieldError } from '@darwaza/contracts/errors'
import type { AppRouter } from '@darwaza/gateway/router'

/**
 * In the web view the gateway is the page's own origin. In the kiosk shell the page is served from
 * app://kiosk and the preload tells it where the gateway is.
 */
export async function gatewayUrl(): Promise<string> {
  return (await window.darwazaKiosk?.deviceInfo())?.gatewayUrl ?? window.location.origin
}

export function createGatewayClient(
  gatewayUrl: string,
  currentToken: () => string | null,
  fetch?: typeof globalThis.fetch,
) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        // Live screens (the waiting hall's display) follow the gateway over server-sent events. They
        // are public: an EventSource cannot carry the session's token, and needs none.
        condition: (operation) => operation.type === 'subscription',
        true: httpSubscriptionLink({ url: `${gatewayUrl}/trpc` }),
        false: httpLink({
          url: `${gatewayUrl}/trpc`,
          ...(fetch ? { fetch } : {}),
          headers: () => {
            const token = currentToken()
            return token ? { authorization: `Bearer ${token}` } : {}
          },
        }),
      }),
    ],
  })
}

export type GatewayClient = ReturnType<typeof createGatewayClient>

export interface GatewayFailure {
  code: ErrorCode | 'NETWORK'
  fieldErrors: FieldError[]
  requestId?: string
}

/** Reads what went wrong from a failed call; a failure with no answer at all is a network failure. */
export function describeFailure(error: unknown): GatewayFailure {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data as
      { code?: ErrorCode; fieldErrors?: FieldError[]; requestId?: string } | undefined
    if (data?.code) return { code: data.code, fieldErrors: data.fieldErrors ?? [], requestId: data.requestId }
  }
  return { code: 'NETWORK', fieldErrors: [] }
}
