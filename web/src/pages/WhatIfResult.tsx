/** The result of a failure simulation: services down and without redundancy, by municipality and by application. */
import { IdCell, IdList, TableHead } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import type { WhatIfReport as WhatIf } from '../../../src/contracts/index.js';

export function WhatIfResult({ r }: { r: WhatIf }) {
  const { t, tn, number } = useI18n();
  return (
    <div className="whatif">
      <p>
        <strong>{tn('map.down', r.down.length)}, {t('map.degraded', { n: number(r.degraded.length) })}</strong>
      </p>
      {r.down.length > 0 && (
        <p>
          {t('map.cutOffSites')}: <IdList ids={[...new Set(r.down.map((s) => s.site))]} />
        </p>
      )}
      {r.unresolved.length > 0 && <p className="error">{t('map.unresolved', { ids: r.unresolved.join(', ') })}</p>}
      <ImpactTable caption={t('map.byMunicipality')} head={t('col.municipality')} rows={r.byTenant.map((x) => ({ ...x, id: x.tenant }))} />
      <ImpactTable caption={t('map.byApplication')} head={t('col.application')} rows={r.byApplication.map((x) => ({ ...x, id: x.application }))} />
    </div>
  );
}

/** Services down and degraded, with their users, per municipality or per application. */
function ImpactTable({ caption, head, rows }: { caption: string; head: string; rows: { id: string; down: number; degraded: number; users: number }[] }) {
  const { t, number } = useI18n();
  if (rows.length === 0) return null;
  return (
    <table>
      <caption>{caption}</caption>
      <TableHead cols={[head, { label: t('col.down'), num: true }, { label: t('col.degraded'), num: true }, { label: t('col.users'), num: true }]} />
      <tbody>
        {rows.map((x) => (
          <tr key={x.id}>
            <IdCell id={x.id} />
            <td className="num">{number(x.down)}</td>
            <td className="num">{number(x.degraded)}</td>
            <td className="num">{number(x.users)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
