import { useRef, useState, type FormEvent } from 'react';
import { CheckboxField } from './CheckboxField';
import type { OpenedRelease } from './public-releases-api';

interface SignFormProps {
  release: OpenedRelease;
  busy: boolean;
  onSign: (signerName: string) => void;
}

type FieldName = 'consent' | 'intent' | 'signerName';

const FIELD_ERRORS: Record<FieldName, string> = {
  consent: 'Tick the box to agree to use electronic records and signatures.',
  intent: 'Tick the box to confirm that you intend to sign.',
  signerName: 'Type your full name.',
};

/** The electronic-records consent, the intent to sign, the typed name and the Sign button. */
export function SignForm({ release, busy, onSign }: SignFormProps) {
  const [consent, setConsent] = useState(false);
  const [intent, setIntent] = useState(false);
  const [signerName, setSignerName] = useState('');
  const [errors, setErrors] = useState<FieldName[]>([]);
  const fields = {
    consent: useRef<HTMLInputElement>(null),
    intent: useRef<HTMLInputElement>(null),
    signerName: useRef<HTMLInputElement>(null),
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldName[] = [];
    if (!consent) missing.push('consent');
    if (!intent) missing.push('intent');
    if (signerName.trim() === '') missing.push('signerName');
    setErrors(missing);
    if (missing.length > 0) {
      fields[missing[0]].current?.focus();
      return;
    }
    onSign(signerName.trim());
  }

  const errorOf = (field: FieldName) =>
    errors.includes(field) ? (
      <p className="field-error" id={`${field}-error`}>
        {FIELD_ERRORS[field]}
      </p>
    ) : null;
  const describedBy = (field: FieldName) => (errors.includes(field) ? `${field}-error` : undefined);

  return (
    <section aria-labelledby="sign-heading">
      <h2 id="sign-heading">Sign the release</h2>
      <form onSubmit={submit} noValidate>
        <div role="alert" className="error-summary">
          {errors.length > 0 && (
            <p>Please fix {errors.length === 1 ? 'one thing' : `${errors.length} things`} below.</p>
          )}
        </div>
        <fieldset>
          <legend>Using electronic records</legend>
          <div className="consent-text" id="consent-text">
            {release.consentText}
          </div>
          <p className="fine-print">Consent wording version {release.consentVersion}.</p>
          {errorOf('consent')}
          <CheckboxField
            checked={consent}
            onChange={setConsent}
            invalid={errors.includes('consent')}
            describedBy={['consent-text', describedBy('consent')].filter(Boolean).join(' ')}
            inputRef={fields.consent}
          >
            I agree to receive and sign this release electronically.
          </CheckboxField>
        </fieldset>
        <fieldset>
          <legend>Your signature</legend>
          {errorOf('intent')}
          <CheckboxField
            checked={intent}
            onChange={setIntent}
            invalid={errors.includes('intent')}
            describedBy={describedBy('intent')}
            inputRef={fields.intent}
          >
            I have read this release and I intend to sign it.
          </CheckboxField>
          <label htmlFor="signer-name" className="text-label">
            Type your full name
          </label>
          {errorOf('signerName')}
          <input
            id="signer-name"
            type="text"
            ref={fields.signerName}
            value={signerName}
            onChange={(event) => setSignerName(event.target.value)}
            autoComplete="name"
            maxLength={200}
            aria-invalid={errors.includes('signerName')}
            aria-describedby={describedBy('signerName')}
          />
          <p className="fine-print">Typing your name and pressing Sign is your signature.</p>
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing…' : 'Sign'}
        </button>
      </form>
    </section>
  );
}
