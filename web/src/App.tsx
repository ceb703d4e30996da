/** The shell: sign-in, the header (navigation, date, plan, language, account) and the pages. */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { Principal } from '../../src/contracts/index.js';
import { api, whenSignedOut } from './api.js';
import { useI18n, type Key } from './i18n/index.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { DateField } from './components/DateField.js';
import { useScrollableTables } from './components/useScrollableTables.js';
import { Link, navigate, useParam, usePath } from './router.js';
import { AppContext, today, useApp, useLoad, type AppState } from './state.js';
import { SignIn } from './pages/SignIn.js';
import { Overview } from './pages/Overview.js';
import { MapPage } from './pages/MapPage.js';
import { Timeline } from './pages/Timeline.js';
import { Applications } from './pages/Applications.js';
import { Municipalities } from './pages/Municipalities.js';
import { Plans } from './pages/Plans.js';
import { Recovery } from './pages/Recovery.js';
import { ObjectPage } from './pages/ObjectPage.js';
import { EstateList, kindOfList, Search } from './pages/EstateList.js';
import { Accounts } from './pages/Accounts.js';
import { ServiceView } from './pages/ServiceView.js';

const staffNav: [string, Key][] = [
  ['/', 'nav.overview'],
  ['/map', 'nav.map'],
  ['/timeline', 'nav.timeline'],
  ['/applications', 'nav.applications'],
  ['/municipalities', 'nav.municipalities'],
  ['/plans', 'nav.plans'],
  ['/recovery', 'nav.recovery'],
  ['/estate/sites', 'nav.estate'],
];
const tenantNav: [string, Key][] = [['/municipalities', 'nav.municipalities']];

export function App() {
  const { t } = useI18n();
  const [user, setUser] = useState<Principal | null | undefined>(undefined);
  useEffect(() => {
    whenSignedOut(() => setUser(null));
    api.me().then(setUser, () => setUser(null));
  }, []);
  if (user === undefined)
    return (
      <p className="muted" role="status">
        {t('loading')}
      </p>
    );
  if (user === null) return <SignIn onSignedIn={setUser} />;
  return <Shell user={user} onSignedOut={() => setUser(null)} />;
}

function Shell({ user, onSignedOut }: { user: Principal; onSignedOut: () => void }) {
  const { t } = useI18n();
  const path = usePath();
  // The date and the plan live in the URL: a reload keeps them, a link shares them.
  const [atParam, setAt] = useParam('at');
  const at = atParam || today();
  const [plan, setPlan] = useParam('plan');
  const [plansVersion, setPlansVersion] = useState(0);
  const state = useMemo<AppState>(() => ({ user, at, setAt, plan, setPlan, plansVersion, plansChanged: () => setPlansVersion((v) => v + 1) }), [user, at, setAt, plan, setPlan, plansVersion]);
  const tenant = user.role === 'tenant';
  const nav = tenant ? tenantNav : user.role === 'admin' ? [...staffNav, ['/accounts', 'nav.accounts'] as [string, Key]] : staffNav;
  useEffect(() => {
    // A tenant's whole UI is its municipality.
    if (tenant && !tenantPage(path)) navigate('/municipalities', true);
  }, [tenant, path]);
  const main = useRef<HTMLElement>(null);
  useScrollableTables(main);
  const page = pageOf(tenant && !tenantPage(path) ? '/municipalities' : path);
  useEffect(() => {
    document.title = `${t(page.title)} – Verbund`;
  }, [page.title, t]);
  // After a navigation, keyboard and screen-reader users continue at the new page's content.
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `path` is the trigger (a navigation), not a value the effect reads
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
  return (
    <AppContext.Provider value={state}>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="top">
        <span className="brand">Verbund</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav.map(([to, key]) => (
              <li key={to}>
                <Link to={to} aria-current={page.nav === to ? 'page' : undefined}>
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="controls">
          {!tenant && <SearchBox />}
          <DateField label={t('at')} labelClass="ctl-label" value={at} onChange={setAt} />
          {!tenant && <PlanSelect />}
          <LanguageSwitch />
          <AccountMenu user={user} onSignedOut={onSignedOut} />
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {page.render()}
      </main>
    </AppContext.Provider>
  );
}

/** The pages a tenant may open: its municipality, its objects and its services (the API scopes them). */
function tenantPage(path: string): boolean {
  return path.startsWith('/municipalities') || path.startsWith('/objects/') || path.startsWith('/services/');
}

function pageOf(path: string): { title: Key; nav: string; render: () => ReactElement } {
  const service = /^\/services\/([^/]+)\/([^/]+)$/.exec(path);
  if (service) {
    const [site, application] = [decodeURIComponent(service[1]!), decodeURIComponent(service[2]!)];
    return { title: 'nav.service', nav: '', render: () => <ServiceView key={path} site={site} application={application} /> };
  }
  const obj = /^\/objects\/(.+)$/.exec(path);
  if (obj) return { title: 'nav.object', nav: '', render: () => <ObjectPage key={obj[1]} id={decodeURIComponent(obj[1]!)} /> };
  const list = /^\/estate(?:\/([a-z-]+))?$/.exec(path);
  if (list) {
    const kind = kindOfList(list[1] ?? 'sites');
    if (kind) return { title: 'nav.estate', nav: '/estate/sites', render: () => <EstateList key={kind} kind={kind} /> };
  }
  switch (path) {
    case '/accounts':
      return { title: 'nav.accounts', nav: path, render: () => <Accounts /> };
    case '/search':
      return { title: 'search.heading', nav: '', render: () => <Search /> };
    case '/map':
      return { title: 'nav.map', nav: path, render: () => <MapPage /> };
    case '/timeline':
      return { title: 'nav.timeline', nav: path, render: () => <Timeline /> };
    case '/applications':
      return { title: 'nav.applications', nav: path, render: () => <Applications /> };
    case '/municipalities':
      return { title: 'nav.municipalities', nav: path, render: () => <Municipalities /> };
    case '/plans':
      return { title: 'nav.plans', nav: path, render: () => <Plans /> };
    case '/recovery':
      return { title: 'nav.recovery', nav: path, render: () => <Recovery /> };
    default:
      return { title: 'nav.overview', nav: '/', render: () => <Overview /> };
  }
}

/** The global search box: ids and names of every kind (the results on /search). */
function SearchBox() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
      }}
    >
      <label>
        <span className="ctl-label">{t('search.box')} </span>
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('search.placeholder')} />
      </label>
    </form>
  );
}

function PlanSelect() {
  const { t } = useI18n();
  const { plan, setPlan, plansVersion } = useApp();
  const plans = useLoad((s) => api.plans(s), [plansVersion]);
  return (
    <label className="plan-choice">
      <span className="ctl-label">{t('plan')} </span>
      <select value={plan} onChange={(e) => setPlan(e.target.value)}>
        <option value="">{t('plan.baseline')}</option>
        {plans.data?.items.map((p) => (
          <option key={p.id} value={p.id}>
            {p.id}
          </option>
        ))}
      </select>
    </label>
  );
}

function AccountMenu({ user, onSignedOut }: { user: Principal; onSignedOut: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="account" ref={ref}>
      <button type="button" aria-expanded={open} aria-controls="account-menu" onClick={() => setOpen(!open)}>
        {user.name} ▾
      </button>
      {open && (
        <div id="account-menu" className="menu">
          <p>
            {t('account.role')}: <strong>{t(`role.${user.role}` as Key)}</strong>
            {user.tenant && (
              <>
                <br />
                {t('account.tenant')}: <strong>{user.tenant}</strong>
              </>
            )}
          </p>
          <button
            type="button"
            onClick={() => {
              void api.signOut().finally(onSignedOut);
            }}
          >
            {t('account.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}

