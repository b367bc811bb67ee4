import { ApiProperty } from '@nestjs/swagger';

/** A list item whose stored ciphertext could not be decrypted (damaged or tampered): id only. */
export class UnreadableItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: [true],
    description:
      'The row could not be decrypted. Its own route answers 422 `RECORD_UNREADABLE`; the rest of the list is unaffected.',
  })
  unreadable!: true;
}
