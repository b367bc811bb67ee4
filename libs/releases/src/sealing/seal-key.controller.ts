import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '#haven/platform';
import { ReleaseSeal } from './release-seal.js';

export class SealKeyResponseDto {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'The raw 32-byte public key, standard base64' }) publicKey!: string;
  @ApiProperty({ example: 'ed25519:3f2a9c0d1b4e5f60', description: 'The key id each seal names' }) keyId!: string;
}

/** Publishes the seal's public key, so anyone can verify a signed release without trusting us. */
@ApiTags('public')
@Controller('public/seal-key')
export class SealKeyController {
  constructor(private readonly releaseSeal: ReleaseSeal) {}

  @Public()
  @Get()
  @ApiResponse({ status: 200, type: SealKeyResponseDto })
  sealKey(): SealKeyResponseDto {
    return { algorithm: 'Ed25519', publicKey: this.releaseSeal.publicKey, keyId: this.releaseSeal.keyId };
  }
}
