/**
 * Pages of a list the server pages (the estate's lists, the portfolio): the page is in the URL
 * (`page`, from 1), so a reload or a shared link shows the same page.
 */
import { useI18n } from '../i18n/index.js';
import { useParam } from '../router.js';

/** The page of the URL (1 when absent or not a number) and how to go to another (1 leaves the URL without it). */
export function usePageParam(): [number, (page: number) => void] {
  const [param, set] = useParam('page');
  return [Math.max(1, Number(param) || 1), (page) => set(page > 1 ? String(page) : '')];
}

/** The previous and next page of `total` items shown `size` a page, and where the list is. */
export function Pager({ page, size, total, onPage }: { page: number; size: number; total: number; onPage: (page: number) => void }) {
  const { t, number } = useI18n();
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <nav aria-label={t('estate.pages')} className="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('estate.previous')}
      </button>
      <span>{t('estate.page', { page: number(page), pages: number(pages) })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('estate.next')}
      </button>
    </nav>
  );
}
