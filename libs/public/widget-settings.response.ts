import { ApiProperty } from '@nestjs/swagger';
import { IdentitySecretStatusResponse } from './identity-secret.response';

/** GET/PATCH /widget/settings: what an admin needs to embed the widget. */
export class WidgetSettingsResponse {
  @ApiProperty({ example: 'pk_…', description: 'public: it goes into the page; rotating it breaks every embedded copy' })
  publishableKey!: string;
  @ApiProperty({ type: [String], description: "origins allowed to answer ('*' = any page)" }) allowedOrigins!: string[];
  @ApiProperty({ example: 'https://cairn.example.com/widget.js', description: 'from PUBLIC_BASE_URL' }) scriptUrl!: string;
  @ApiProperty({ type: IdentitySecretStatusResponse }) identityVerification!: IdentitySecretStatusResponse;
}
