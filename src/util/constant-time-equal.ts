import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether two strings (a secret and what a caller presented) are equal, in time that depends neither on
 * where they differ nor on their lengths: both sides are hashed to 32 bytes before the comparison.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
