/**
 * Why there are no two independent paths, in the user's language: the server answers the
 * reason's kind and the elements it names (the code and its parameters); its English message
 * is shown only for a kind the UI does not know.
 */
import { useI18n, type Key } from '../i18n/index.js';
import { IdList } from './common.js';

/** A reason of `GET /paths` (docs/schemas/paths.schema.json). */
export interface PathsReason {
  readonly kind: string;
  readonly message: string;
  readonly elements?: readonly { readonly id: string; readonly kind: string }[];
  readonly minimal?: boolean;
}

const known = new Set(['disconnected', 'no-instances', 'cut', 'shared', 'limit']);

/** The reason as a sentence with its elements as named links. */
export function PathReason({ reason }: { reason: PathsReason }) {
  const { t, tn } = useI18n();
  if (!known.has(reason.kind)) return <p>{reason.message}</p>;
  const elements = reason.elements ?? [];
  return (
    <p data-reason={reason.kind}>
      {reason.kind === 'cut' ? tn('reason.cut', elements.length) : t(`reason.${reason.kind}` as Key)}
      {elements.length > 0 && (
        <>
          {' '}
          <IdList ids={elements.map((e) => e.id)} />
        </>
      )}
      {reason.kind === 'shared' && reason.minimal === false && <> {t('reason.notMinimal')}</>}
    </p>
  );
}
