import { randomUUID } from 'node:crypto';
import { decryptText, DecryptionError, generateKey, unwrapKey } from '#haven/crypto';
import { ClientCipher } from './client-cipher.js';

describe('ClientCipher', () => {
  const coachId = randomUUID();
  const clientId = randomUUID();
  const rowId = randomUUID();

  it('opens what it sealed for the same column and row', async () => {
    const vaultKey = await generateKey();
    const { cipher: sut } = await ClientCipher.create(vaultKey, coachId, clientId);
    const sealed = await sut.seal('clients.full_name_enc', rowId, 'Sam Rivera');
    expect(sealed).toMatch(/^v1\.ck1\./);
    expect(sealed).not.toContain('Sam');
    expect(await sut.open('clients.full_name_enc', rowId, sealed)).toBe('Sam Rivera');
  });

  it('refuses a ciphertext moved to another row, column or coach', async () => {
    const vaultKey = await generateKey();
    const { cipher: sut, wrappedKey } = await ClientCipher.create(vaultKey, coachId, clientId);
    const sealed = await sut.seal('session_record_versions.notes_enc', rowId, 'notes');
    await expect(sut.open('session_record_versions.notes_enc', randomUUID(), sealed)).rejects.toBeInstanceOf(
      DecryptionError,
    );
    await expect(sut.open('session_record_versions.reason_enc', rowId, sealed)).rejects.toBeInstanceOf(DecryptionError);
    const otherCoach = await ClientCipher.unwrap(vaultKey, coachId, clientId, wrappedKey).then(() =>
      ClientCipher.create(vaultKey, randomUUID(), clientId),
    );
    await expect(otherCoach.cipher.open('session_record_versions.notes_enc', rowId, sealed)).rejects.toBeInstanceOf(
      DecryptionError,
    );
  });

  it('binds every field to the coach too: with the same client key, another owner cannot open it', async () => {
    // The other-coach case above also changes the key; this one keeps it, so only the binding to
    // the coach can refuse (a context that dropped ownerId would pass every other test here).
    const vaultKey = await generateKey();
    const { cipher: sut, wrappedKey } = await ClientCipher.create(vaultKey, coachId, clientId);
    const clientKey = await unwrapKey(vaultKey, wrappedKey, {
      purpose: 'client-key',
      rowId: clientId,
      ownerId: coachId,
    });
    const sealed = await sut.seal('clients.full_name_enc', rowId, 'Sam Rivera');
    const context = { purpose: 'clients.full_name_enc', rowId, ownerId: coachId };
    expect(await decryptText(clientKey, sealed, context)).toBe('Sam Rivera');
    await expect(decryptText(clientKey, sealed, { ...context, ownerId: randomUUID() })).rejects.toBeInstanceOf(
      DecryptionError,
    );
  });

  it('unwraps the stored client key only with the coach’s vault key and for the same client and coach', async () => {
    const vaultKey = await generateKey();
    const { cipher, wrappedKey } = await ClientCipher.create(vaultKey, coachId, clientId);
    const sealed = await cipher.seal('clients.email_enc', clientId, 'sam@example.org');
    const reopened = await ClientCipher.unwrap(vaultKey, coachId, clientId, wrappedKey);
    expect(await reopened.open('clients.email_enc', clientId, sealed)).toBe('sam@example.org');
    await expect(ClientCipher.unwrap(await generateKey(), coachId, clientId, wrappedKey)).rejects.toBeInstanceOf(
      DecryptionError,
    );
    await expect(ClientCipher.unwrap(vaultKey, coachId, randomUUID(), wrappedKey)).rejects.toBeInstanceOf(
      DecryptionError,
    );
    await expect(ClientCipher.unwrap(vaultKey, randomUUID(), clientId, wrappedKey)).rejects.toBeInstanceOf(
      DecryptionError,
    );
  });

  it('gives every client its own key', async () => {
    const vaultKey = await generateKey();
    const first = await ClientCipher.create(vaultKey, coachId, clientId);
    const second = await ClientCipher.create(vaultKey, coachId, clientId);
    const sealed = await first.cipher.seal('clients.full_name_enc', clientId, 'x');
    await expect(second.cipher.open('clients.full_name_enc', clientId, sealed)).rejects.toBeInstanceOf(DecryptionError);
  });
});
