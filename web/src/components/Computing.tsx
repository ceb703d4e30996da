/**
 * A computation in progress: a spinner, what is computed, the seconds elapsed (announced to
 * screen readers every ten seconds, not every second) and a *Cancel* button.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.js';

/** Shown while a request computes; `onCancel` aborts it. */
export function Computing({ label, onCancel }: { label: string; onCancel?: (() => void) | undefined }) {
  const { t, number } = useI18n();
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor((now - start) / 1000);
  return (
    <div className="computing">
      <span className="spinner" aria-hidden="true" />
      <span role="status">
        {t('computing.label', { what: label })} <span aria-hidden="true">{t('computing.elapsed', { s: number(seconds) })}</span>
        <span className="sr-only">{t('computing.elapsed', { s: number(seconds - (seconds % 10)) })}</span>
      </span>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('computing.cancel')}
        </button>
      )}
    </div>
  );
}
