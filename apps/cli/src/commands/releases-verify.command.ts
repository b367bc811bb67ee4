import { readFileSync } from 'node:fs';
import { fromBase64Url, sealKeyPairFromSeed, toBase64 } from '#haven/crypto';
import type { HavenConfig } from '#haven/platform';
import { sealKeyIdOf, verifySealedEvidence, type SealedEvidence } from '#haven/releases';

export const releasesVerifyUsage = `Usage: npm run cli -- releases:verify <evidence.json> [--public-key <base64> --key-id <id>] [--document <release.txt>]

  <evidence.json>  { evidence, seal, sealKeyId }: GET /releases/:id's answer, or the evidence.json attached to the PDF
  --public-key     the key GET /public/seal-key publishes (default: this installation's own seal key)
  --key-id         its keyId (required with --public-key)
  --document       the release text, to check it is the one signed`;

/**
 * Verifies a release's sealed evidence offline (no database, no network): prints one line per check
 * and exits 0 when all hold, 1 when one fails (naming it), 2 when the input cannot be read.
 */
export async function releasesVerifyCommand(config: HavenConfig, args: string[]): Promise<number> {
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    console.error(`releases:verify: ${parsed}\n\n${releasesVerifyUsage}`);
    return 2;
  }
  const sealed = readSealedEvidence(parsed.file);
  if (typeof sealed === 'string') {
    console.error(`releases:verify: ${sealed}`);
    return 2;
  }
  const key = parsed.publicKey
    ? { publicKey: parsed.publicKey, keyId: parsed.keyId as string }
    : await ownSealKey(config);
  let documentText: string | undefined;
  if (parsed.document) documentText = readFileSync(parsed.document, 'utf8');

  let verdict;
  try {
    verdict = verifySealedEvidence(sealed, key, documentText);
  } catch (error) {
    console.error(`releases:verify: ${(error as Error).message}`);
    return 2;
  }
  for (const check of verdict.checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  const failed = verdict.checks.filter((check) => !check.ok).map((check) => check.name);
  console.log(
    verdict.valid
      ? 'releases:verify: the seal holds: this evidence is exactly what was sealed'
      : `releases:verify: NOT valid: ${failed.join(', ')} ${failed.length === 1 ? 'does' : 'do'} not match`,
  );
  return verdict.valid ? 0 : 1;
}

interface VerifyArguments {
  file: string;
  publicKey?: string;
  keyId?: string;
  document?: string;
}

function parseArguments(args: string[]): VerifyArguments | string {
  const options: Partial<VerifyArguments> = {};
  const flags: Record<string, keyof VerifyArguments> = {
    '--public-key': 'publicKey',
    '--key-id': 'keyId',
    '--document': 'document',
  };
  for (let index = 0; index < args.length; index++) {
    const flag = flags[args[index]];
    if (flag) {
      const value = args[++index];
      if (!value) return `${args[index - 1]} needs a value`;
      options[flag] = value;
    } else if (args[index].startsWith('--')) {
      return `unknown option ${args[index]}`;
    } else if (options.file) {
      return 'give one evidence file';
    } else {
      options.file = args[index];
    }
  }
  if (!options.file) return 'give the evidence file to verify';
  if (options.publicKey && !options.keyId)
    return '--public-key needs --key-id (the keyId GET /public/seal-key publishes)';
  return options as VerifyArguments;
}

function readSealedEvidence(file: string): SealedEvidence | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `cannot read ${file} (${code})` : `${file} is not JSON`;
  }
  const sealed = value as Partial<SealedEvidence> | null;
  const missing = (['evidence', 'seal', 'sealKeyId'] as const).filter((field) => typeof sealed?.[field] !== 'string');
  if (missing.length > 0)
    return `${file} lacks ${missing.join(', ')} (a signed release's evidence, seal and sealKeyId)`;
  return sealed as SealedEvidence;
}

async function ownSealKey(config: HavenConfig): Promise<{ publicKey: string; keyId: string }> {
  const raw = fromBase64Url((await sealKeyPairFromSeed(config.secrets.sealSeed)).publicKey);
  return { publicKey: toBase64(raw), keyId: sealKeyIdOf(raw) };
}
