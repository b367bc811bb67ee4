import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { buildMessage, Equals, IsString, Length, ValidateBy, type ValidationOptions } from 'class-validator';
import { IsLocalDate, todayUtc } from '#haven/clients';
import { isLocalDate } from '#haven/ethics';
import { IsText, trim } from '#haven/platform';

/** After today (UTC): a release that ends today or earlier would be void when signed. Leaves malformed dates to IsLocalDate. */
function IsAfterToday(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAfterToday',
      validator: {
        validate: (value) => !isLocalDate(value) || value > todayUtc(),
        defaultMessage: buildMessage((each) => `${each}$property must be a date after today`, options),
      },
    },
    options,
  );
}

/** The latest expiry accepted: a release is for a purpose, not for life. */
const LATEST_EXPIRY = '2099-12-31';

export class CreateReleaseRequestDto {
  @ApiProperty({ maxLength: 200, description: 'Who will receive the information (encrypted).' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  recipientName!: string;

  @ApiProperty({ maxLength: 200, description: "The recipient's organisation (encrypted)." })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  recipientOrganization!: string;

  @ApiProperty({ maxLength: 500, description: 'How to reach the recipient: address, phone or email (encrypted).' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 500)
  recipientContact!: string;

  @ApiProperty({ maxLength: 2000, description: 'Why the information is shared (encrypted).' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 2000)
  purpose!: string;

  @ApiProperty({ maxLength: 5000, description: 'A specific description of the information to be shared (encrypted).' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 5000)
  informationScope!: string;

  @ApiProperty({
    format: 'date',
    example: '2027-06-30',
    description: 'The last day is the day before: must be after today.',
  })
  @IsLocalDate()
  @IsAfterToday()
  @ValidateBy({
    name: 'isNotAfterLatestExpiry',
    validator: {
      validate: (value) => !isLocalDate(value) || value <= LATEST_EXPIRY,
      defaultMessage: () => `expiresOn must be on or before ${LATEST_EXPIRY}`,
    },
  })
  expiresOn!: string;
}

/** The body of every public release route: the token from the link's fragment. */
export class SigningTokenRequestDto {
  @ApiProperty({ description: 'The token from the link `/r#<token>`.', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  token!: string;
}

export class SignReleaseRequestDto extends SigningTokenRequestDto {
  @ApiProperty({ maxLength: 200, description: 'The signer types their full name: it is their signature.' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  signerName!: string;

  @ApiProperty({ enum: [true], description: 'The electronic-records consent was accepted.' })
  @Equals(true, { message: 'consentToElectronicSignature must be true: accept the consent to sign electronically' })
  consentToElectronicSignature!: true;

  @ApiProperty({ enum: [true], description: 'The signer ticked that they intend to sign.' })
  @Equals(true, { message: 'intentToSign must be true: tick that you intend to sign' })
  intentToSign!: true;
}
