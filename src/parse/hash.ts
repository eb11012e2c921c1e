/** SHA-256 in hex, in one call where Node has crypto.hash (20.12 and later), else by a Hash object. */
import crypto from 'node:crypto';

type OneShot = (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** The SHA-256 of `data` (a string is hashed as its UTF-8 bytes), as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  if (oneShot !== undefined) return oneShot('sha256', data, 'hex');
  return crypto.createHash('sha256').update(data).digest('hex');
}
