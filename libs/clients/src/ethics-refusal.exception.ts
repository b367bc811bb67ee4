import { ethicsErrorCode, type EthicsRefusal } from '#haven/ethics';
import { HavenException } from '#haven/platform';

/** A rule of the code of ethics blocked the action: 422, `ETHICS_<RULE ID>`, what to do instead. */
export class EthicsRefusalException extends HavenException {
  constructor(readonly refusal: EthicsRefusal) {
    super(422, ethicsErrorCode(refusal.rule), `${refusal.message} ${refusal.remedy}`.trim());
  }
}
