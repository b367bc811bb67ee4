import { decryptText, encrypt, generateKey, unwrapKey, wrapKey, type AeadContext } from '#haven/crypto';

const VAULT_KEY_ID = 'vk1';
const CLIENT_KEY_ID = 'ck1';
const CLIENT_KEY_PURPOSE = 'client-key';

/**
 * Seals and opens one client's fields with that client's key. Every value is bound to its column
 * (`purpose`, '<table>.<column>'), its row and the coach, so a ciphertext moved anywhere else
 * fails to open (DecryptionError).
 */
export class ClientCipher {
  private constructor(
    private readonly clientKey: Uint8Array,
    readonly coachId: string,
  ) {}

  /** A fresh client key, and that key wrapped under the coach's vault key: the only form stored. */
  static async create(
    vaultKey: Uint8Array,
    coachId: string,
    clientId: string,
  ): Promise<{ cipher: ClientCipher; wrappedKey: string }> {
    const clientKey = await generateKey();
    const wrappedKey = await wrapKey(vaultKey, VAULT_KEY_ID, clientKey, clientKeyContext(coachId, clientId));
    return { cipher: new ClientCipher(clientKey, coachId), wrappedKey };
  }

  /** Opens a stored client key. DecryptionError when it was altered or belongs to another row or coach. */
  static async unwrap(
    vaultKey: Uint8Array,
    coachId: string,
    clientId: string,
    wrappedKey: string,
  ): Promise<ClientCipher> {
    const clientKey = await unwrapKey(vaultKey, wrappedKey, clientKeyContext(coachId, clientId));
    return new ClientCipher(clientKey, coachId);
  }

  seal(purpose: string, rowId: string, plaintext: string): Promise<string> {
    return encrypt(this.clientKey, CLIENT_KEY_ID, plaintext, this.context(purpose, rowId));
  }

  open(purpose: string, rowId: string, encString: string): Promise<string> {
    return decryptText(this.clientKey, encString, this.context(purpose, rowId));
  }

  sealJson(purpose: string, rowId: string, value: unknown): Promise<string> {
    return this.seal(purpose, rowId, JSON.stringify(value));
  }

  async openJson<T>(purpose: string, rowId: string, encString: string): Promise<T> {
    return JSON.parse(await this.open(purpose, rowId, encString)) as T;
  }

  private context(purpose: string, rowId: string): AeadContext {
    return { purpose, rowId, ownerId: this.coachId };
  }
}

function clientKeyContext(coachId: string, clientId: string): AeadContext {
  return { purpose: CLIENT_KEY_PURPOSE, rowId: clientId, ownerId: coachId };
}
