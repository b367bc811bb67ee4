import { jest } from '@jest/globals';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { Argon2Pool } from './argon2-pool.js';
import { WeakKdfParamsError } from './crypto.errors.js';
import { newKdfParams } from './kdf.js';
import { getSodium } from './sodium.js';

describe('Argon2Pool', () => {
  let sut: Argon2Pool;

  beforeAll(() => {
    sut = new Argon2Pool({ maxThreads: 2 });
  });

  afterAll(async () => {
    await sut.destroy();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('derives the same 32-byte key as crypto_pwhash Argon2id13 on the main thread', async () => {
    const sodium = await getSodium();
    const params = await newKdfParams();
    const input = new Uint8Array(32).fill(5);

    const key = await sut.deriveKey(input, params);

    const expected = sodium.crypto_pwhash(
      32,
      input,
      sodium.from_base64(params.salt, sodium.base64_variants.URLSAFE_NO_PADDING),
      params.opsLimit,
      params.memLimitBytes,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
    expect(key).toEqual(expected);
    expect(input).toEqual(new Uint8Array(32).fill(5)); // the caller's input is neither detached nor wiped
  });

  it('gives different keys for different salts', async () => {
    const input = new Uint8Array(32).fill(1);
    const a = await sut.deriveKey(input, await newKdfParams());
    const b = await sut.deriveKey(input, await newKdfParams());
    expect(a).not.toEqual(b);
  });

  it('refuses params below the floor before queueing any work', async () => {
    const run = jest.spyOn(Piscina.prototype, 'run');
    const weak = { ...(await newKdfParams()), opsLimit: 1 };

    await expect(sut.deriveKey(new Uint8Array(32), weak)).rejects.toThrow(WeakKdfParamsError);
    await expect(sut.deriveKey(new Uint8Array(32), { ...weak, opsLimit: 2, memLimitBytes: 1024 })).rejects.toThrow(
      WeakKdfParamsError,
    );
    expect(run).not.toHaveBeenCalled();
  });

  it('does not block the event loop while 4 derivations run', async () => {
    const params = await newKdfParams();
    await sut.deriveKey(new Uint8Array(32), params); // warm both the pool and this check

    const histogram = monitorEventLoopDelay({ resolution: 10 });
    let maxGap = 0;
    let ticks = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 10);
    histogram.enable();
    const started = performance.now();

    const keys = await Promise.all([1, 2, 3, 4].map((n) => sut.deriveKey(new Uint8Array(32).fill(n), params)));

    const elapsed = performance.now() - started;
    clearInterval(timer);
    histogram.disable();
    const maxDelayMs = histogram.max / 1e6;

    expect(keys).toHaveLength(4);
    expect(new Set(keys.map((k) => Buffer.from(k).toString('hex'))).size).toBe(4);
    // A derivation on the main thread would stall it for ≈ 135 ms or more each time.
    expect(elapsed).toBeGreaterThan(100); // the work really happened while we watched
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 10 / 3));
    expect(maxGap).toBeLessThan(100);
    expect(maxDelayMs).toBeLessThan(100);
  });
});
