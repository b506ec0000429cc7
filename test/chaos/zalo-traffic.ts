import {
  type FakeZaloOa,
  startZaloOaSetup,
  type ZaloOaSetup,
  zaloOaWebhookSignature,
} from '../helpers/fake-zalo-oa.ts';

export const APP_ID = '5151515151';
const OA_SECRET_KEY = 'oa-secret-key-for-chaos';

/** A fake Zalo OA (the real client code sends to it) and the bot settings that point at it. */
export function startZalo(): Promise<ZaloOaSetup> {
  return startZaloOaSetup(APP_ID, OA_SECRET_KEY);
}

const signature = (body: string, timestamp: string): string =>
  zaloOaWebhookSignature(APP_ID, OA_SECRET_KEY, body, timestamp);

const QUESTIONS = [
  'ha tinh dvc muc 4 bao nhieu',
  'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?',
  'Quảng Bình có kế hoạch chuyển đổi số không?',
  'quy hoach cntt bac lieu',
];

/**
 * Posts one signed user_send_text event, as Zalo does, for the user `id` (one message per user, so the sends
 * the fake records can be counted per message). Resolves with the HTTP status, or 0 when the bot did not
 * answer (refused connection, or nothing within `timeoutMs`).
 */
export async function postMessage(botUrl: string, id: string, timeoutMs = 5000): Promise<number> {
  const timestamp = String(Date.now());
  const body = JSON.stringify({
    app_id: APP_ID,
    event_name: 'user_send_text',
    timestamp,
    sender: { id },
    recipient: { id: 'oa-chaos' },
    message: { msg_id: `msg-${id}`, text: QUESTIONS[id.length % QUESTIONS.length] },
  });
  try {
    const response = await fetch(`${botUrl}/webhooks/zalo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': signature(body, timestamp) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Sends the fake Zalo accepted, counted per user (per message). */
export function sendsPerUser(zalo: FakeZaloOa): Map<string, number> {
  const counts = new Map<string, number>();
  for (const send of zalo.sends()) counts.set(send.userId, (counts.get(send.userId) ?? 0) + 1);
  return counts;
}
