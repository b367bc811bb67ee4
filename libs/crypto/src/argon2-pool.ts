import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { assertKdfParamsAboveFloor, type KdfParams } from './kdf.js';
import { fromBase64Url } from './encoding.js';

/** What argon2.worker.mjs receives. */
interface DeriveTask {
  input: Uint8Array;
  salt: Uint8Array;
  opsLimit: number;
  memLimitBytes: number;
}

/**
 * Runs Argon2id (`crypto_pwhash`, ALG_ARGON2ID13, 32-byte output) in worker threads: one call
 * blocks for ≈ 135 ms and takes 64 MiB of WASM memory, which must never happen on the event loop.
 * Concurrency is bounded by maxThreads; further calls wait in the pool's queue.
 * Create one per process and `destroy()` it on shutdown.
 */
export class Argon2Pool {
  private readonly piscina: Piscina<DeriveTask, Uint8Array>;

  /** @param opts.maxThreads defaults to min(2, os.availableParallelism()) */
  constructor(opts: { maxThreads?: number } = {}) {
    const maxThreads = opts.maxThreads ?? Math.min(2, availableParallelism());
    this.piscina = new Piscina({
      filename: new URL('./argon2.worker.mjs', import.meta.url).href,
      minThreads: Math.min(1, maxThreads),
      maxThreads,
    });
  }

  /**
   * Derives a 32-byte key from `input` (e.g. vaultPrehash output). The params are checked against
   * KDF_FLOOR here, on the main thread, before any work is queued: WeakKdfParamsError otherwise.
   * `input` is copied, never detached or modified.
   */
  async deriveKey(input: Uint8Array, params: KdfParams): Promise<Uint8Array> {
    assertKdfParamsAboveFloor(params);
    const ownInput = new Uint8Array(input); // a private copy we can transfer (and the worker zeroes)
    const salt = new Uint8Array(fromBase64Url(params.salt));
    const task: DeriveTask = { input: ownInput, salt, opsLimit: params.opsLimit, memLimitBytes: params.memLimitBytes };
    const moved = await this.piscina.run(task, { transferList: [ownInput.buffer, salt.buffer] });
    // Copy into this realm's Uint8Array (libsodium checks instanceof; Jest's vm is another realm).
    const key = new Uint8Array(moved);
    moved.fill(0);
    return key;
  }

  /** Stops the worker threads; pending derivations reject. */
  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }
}
