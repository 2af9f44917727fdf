import { BadRequestException } from '@nestjs/common';
import { sealSecret } from '@cairn/common';

/**
 * A `format: "delighted"` endpoint's signing key as stored (X-Delighted-Webhook-Signature): encrypted under
 * CAIRN_SECRETS_KEY, never in clear. undefined = unchanged, null = removed; without CAIRN_SECRETS_KEY a key is
 * refused (400) rather than stored in clear.
 */
export function sealSigningKey(secretsKey: string | null, key: string | null | undefined): string | null | undefined {
  if (key === undefined || key === null) return key;
  if (!secretsKey) throw new BadRequestException('delightedSigningKey needs CAIRN_SECRETS_KEY set on the server (it is stored encrypted)');
  return sealSecret(secretsKey, key);
}
