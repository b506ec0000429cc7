import type { Telegram } from 'telegraf';

/** telegraf types its signal with the abort-controller shim; Node's own AbortSignal is what node-fetch uses. */
export type ShimSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

/** A Bot API call that has not answered in this long counts as failed (retryable, like any network failure). */
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

/** Node's AbortSignal in the type telegraf's callApi declares. */
export function asShimSignal(signal: AbortSignal): ShimSignal {
  return signal as unknown as ShimSignal;
}

/**
 * Gives every Bot API call of this client a deadline, unless the call brings its own signal (the long poll
 * does). telegraf waits 500 s for an answer by default: a Bot API that went away mid-request would hold a
 * send, the flow's drain and so the process's exit for that long. Every call goes through `callApi`, so
 * this one wrapper covers getMe, setWebhook, sendMessage and the rest.
 */
export function withCallDeadline(telegram: Telegram, timeoutMs: number): void {
  const callApi = telegram.callApi.bind(telegram);
  telegram.callApi = ((method, payload, options = {}) =>
    callApi(method, payload, {
      ...options,
      signal: options.signal ?? asShimSignal(AbortSignal.timeout(timeoutMs)),
    })) as Telegram['callApi'];
}
