import { ApiProperty } from '@nestjs/swagger';

export class PersonaResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String], description: 'what they want' }) goals!: string[];
  @ApiProperty({ type: [String], description: 'what hurts' }) painPoints!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'a line in their words' }) quote!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { plan: 'pro' },
    description: 'person-property filters that select this persona',
  })
  filters!: unknown;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class PersonaListResponse {
  @ApiProperty({ type: [PersonaResponse] }) data!: PersonaResponse[];
}
