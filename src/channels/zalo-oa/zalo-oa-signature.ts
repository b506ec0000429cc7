import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../../util/constant-time-equal.ts';

export interface ZaloOaSignatureInput {
  appId: string;
  /** The request body exactly as received. */
  rawBody: Buffer;
  /** The body's `timestamp` field, as sent. */
  timestamp: string;
  oaSecretKey: string;
}

/** `sha256(app_id + raw body + timestamp + OA secret key)` in hex: what Zalo puts after `mac=`. */
export function zaloOaSignature({ appId, rawBody, timestamp, oaSecretKey }: ZaloOaSignatureInput): string {
  return createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest('hex');
}

/** Checks an `X-ZEvent-Signature` header (`mac=<hex>`, the prefix tolerated when missing) in constant time. */
export function verifyZaloOaSignature(header: string | undefined, input: ZaloOaSignatureInput): boolean {
  if (!header) return false;
  const given = header
    .trim()
    .replace(/^mac\s*=\s*/i, '')
    .toLowerCase();
  return constantTimeEqual(given, zaloOaSignature(input));
}
