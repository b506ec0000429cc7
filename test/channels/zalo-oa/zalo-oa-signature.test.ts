import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyZaloOaSignature, zaloOaSignature } from '../../../src/channels/zalo-oa/zalo-oa-signature.ts';

const rawBody = Buffer.from(
  '{"app_id":"app-1","event_name":"user_send_text","timestamp":"1700000000123","message":{"text":"Hà Tĩnh"}}',
);
const input = { appId: 'app-1', rawBody, timestamp: '1700000000123', oaSecretKey: 'secret' };

describe('Zalo OA webhook signature', () => {
  it('is sha256 over app id, raw body, timestamp and OA secret key, in hex', () => {
    const expected = createHash('sha256')
      .update(`app-1${rawBody.toString('utf8')}1700000000123secret`)
      .digest('hex');
    expect(zaloOaSignature(input)).toBe(expected);
  });

  it.each([
    ['with the mac= prefix', (mac: string) => `mac=${mac}`, true],
    ['without the prefix', (mac: string) => mac, true],
    ['in upper case', (mac: string) => `mac=${mac.toUpperCase()}`, true],
    ['with another digest', (mac: string) => `mac=${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`, false],
    ['cut short', (mac: string) => `mac=${mac.slice(0, 10)}`, false],
    ['empty', () => '', false],
  ])('checks a header %s', (_name, header, valid) => {
    expect(verifyZaloOaSignature(header(zaloOaSignature(input)), input)).toBe(valid);
  });

  it('fails when any signed part differs', () => {
    const header = `mac=${zaloOaSignature(input)}`;
    expect(verifyZaloOaSignature(header, { ...input, appId: 'app-2' })).toBe(false);
    expect(verifyZaloOaSignature(header, { ...input, timestamp: '1700000000124' })).toBe(false);
    expect(verifyZaloOaSignature(header, { ...input, oaSecretKey: 'other' })).toBe(false);
    expect(verifyZaloOaSignature(header, { ...input, rawBody: Buffer.concat([rawBody, Buffer.from('\n')]) })).toBe(
      false,
    );
    expect(verifyZaloOaSignature(undefined, input)).toBe(false);
  });
});
