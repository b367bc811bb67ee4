import sodium from 'libsodium-wrappers-sumo';

let loading: Promise<typeof sodium> | undefined;

/**
 * The one libsodium provider: awaits `sodium.ready` once and checks that this is the sumo build
 * (the plain build declares `crypto_pwhash` in its types but has none at run time).
 */
export async function getSodium(): Promise<typeof sodium> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // let a later call retry instead of caching the failure
    throw error;
  });
  return loading;
}

async function load(): Promise<typeof sodium> {
  await sodium.ready;
  if (typeof sodium.crypto_pwhash !== 'function') {
    throw new Error('libsodium has no crypto_pwhash: use libsodium-wrappers-sumo, not libsodium-wrappers');
  }
  return sodium;
}
