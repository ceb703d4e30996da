/**
 * The continuity and resilience report (docs/continuity.md) as a download: Markdown, HTML or
 * PDF at the date looked at, in the UI's language. The API scopes it: a tenant gets its own.
 */
import { url } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useApp } from '../state.js';

const formats = ['pdf', 'html', 'md'] as const;

export function ReportDownload() {
  const { t, lang, date } = useI18n();
  const { at } = useApp();
  return (
    <p className="report-download">
      {t('report.intro', { date: date(at) })}{' '}
      {formats.map((format, i) => (
        <span key={format}>
          {i > 0 && ' · '}
          <a className="button" href={url('/report', { at, lang, format })} download>
            {t('report.download', { format: t(`report.${format}`) })}
          </a>
        </span>
      ))}
    </p>
  );
}
