/** A modal question before a write that cannot simply be undone: it names what will be written. */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

/** Asks `title` with `children` as the details; confirm runs `onConfirm`, cancel (or Escape) `onCancel`. */
export function ConfirmDialog({ title, confirm, onConfirm, onCancel, children }: { title: string; confirm: string; onConfirm: () => void; onCancel: () => void; children: ReactNode }) {
  const { t } = useI18n();
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus, so that Enter alone never writes.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="confirm-title" className="dialog" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h3 id="confirm-title">{title}</h3>
        {children}
        <div className="buttons">
          <button type="button" className="primary" onClick={onConfirm}>
            {confirm}
          </button>
          <button type="button" ref={cancel} onClick={onCancel}>
            {t('confirm.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
