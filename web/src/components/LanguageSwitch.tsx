/** The language switch: German or English, kept in the browser. */
import { useI18n, type Lang } from '../i18n/index.js';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <label>
      <span className="ctl-label">{t('language')} </span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="de" lang="de">
          Deutsch
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
}
