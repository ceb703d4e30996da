/**
 * The catalogue of municipal applications the generator draws from: categories of
 * Fachverfahren with invented product names, what each depends on, how often it runs as a
 * separate instance per district ("Mandant"), its size and its blackout periods.
 */
import type { BlackoutDoc } from './types.js';

/** A category of application. */
export interface Category {
  key: string;
  /** The `category` field, as users would write it. */
  name: string;
  /** Competing products; a provider may run several. */
  products: readonly string[];
  /** Categories this one needs; infrastructure first. `tight`: latency-bound, must move together. */
  deps: readonly { key: string; tight?: boolean }[];
  /** Infrastructure is run once per operator and used by applications, not by tenants. */
  infra?: boolean;
  /** How likely a district group runs its own instance rather than the provider's shared one (0..1). */
  perGroup: number;
  /** Who uses it: every tenant, only districts (and district-free cities), or only municipalities. */
  tenants?: 'district' | 'municipality';
  /** Base size of one instance. */
  size: readonly [vcpu: number, ramGb: number, storageTb: number];
  targetAvailability?: number;
  blackouts?: readonly BlackoutDoc[];
  /** Relative number of usages (organisational units) a tenant has of it. */
  units: number;
}

/** Infrastructure, in dependency order. */
export const infrastructure: readonly Category[] = [
  { key: 'backup', name: 'Datensicherung', products: ['Sicherungsplattform'], deps: [], infra: true, perGroup: 0, size: [16, 64, 400], units: 0 },
  { key: 'verzeichnis', name: 'Verzeichnisdienst', products: ['Verzeichnisdienst'], deps: [], infra: true, perGroup: 0, size: [8, 32, 1], targetAvailability: 0.9995, units: 0 },
  { key: 'datenbank', name: 'Datenbank', products: ['Datenbankcluster'], deps: [{ key: 'backup' }], infra: true, perGroup: 0, size: [64, 512, 40], targetAvailability: 0.9995, units: 0 },
  { key: 'middleware', name: 'Middleware', products: ['Integrationsplattform'], deps: [{ key: 'datenbank', tight: true }], infra: true, perGroup: 0, size: [16, 64, 2], units: 0 },
  { key: 'dateiablage', name: 'Dateiablage', products: ['Fileservice'], deps: [{ key: 'backup' }, { key: 'verzeichnis' }], infra: true, perGroup: 0, size: [8, 32, 120], units: 0 },
  { key: 'monitoring', name: 'Monitoring', products: ['Überwachungsplattform'], deps: [{ key: 'datenbank' }], infra: true, perGroup: 0, size: [8, 32, 8], units: 0 },
];

const yearEnd: BlackoutDoc = { from: '--12-15', to: '--01-31', reason: 'Jahresabschluss' };

/** Fachverfahren, most widely used first: the order in which tenants adopt them. */
export const specialist: readonly Category[] = [
  { key: 'finanzwesen', name: 'Finanzwesen', products: ['KommFinanz', 'Doppik-Pro', 'KassenWerk'], deps: [{ key: 'datenbank', tight: true }, { key: 'verzeichnis' }], perGroup: 0.9, size: [16, 128, 4], targetAvailability: 0.995, blackouts: [yearEnd], units: 3 },
  { key: 'einwohnerwesen', name: 'Einwohnerwesen', products: ['MeldeWerk', 'EWO-Kommunal'], deps: [{ key: 'datenbank', tight: true }, { key: 'verzeichnis' }, { key: 'middleware' }], perGroup: 0.8, tenants: 'municipality', size: [8, 64, 2], targetAvailability: 0.995, units: 3 },
  { key: 'personal', name: 'Personal', products: ['PersoWin', 'LohnKommunal'], deps: [{ key: 'datenbank', tight: true }, { key: 'finanzwesen' }], perGroup: 0.7, size: [8, 64, 2], targetAvailability: 0.99, blackouts: [{ from: '--12-01', to: '--01-15', reason: 'Entgeltabrechnung zum Jahreswechsel' }], units: 2 },
  { key: 'e-akte', name: 'E-Akte', products: ['AktenWerk', 'DMS-Kommunal'], deps: [{ key: 'datenbank' }, { key: 'dateiablage', tight: true }], perGroup: 0.6, size: [16, 96, 30], targetAvailability: 0.99, units: 4 },
  { key: 'ratsinfo', name: 'Ratsinformationssystem', products: ['RatsInfo', 'SitzungsNet'], deps: [{ key: 'e-akte' }, { key: 'verzeichnis' }], perGroup: 0.3, size: [4, 16, 1], units: 1 },
  { key: 'epayment', name: 'ePayment', products: ['PayKommunal'], deps: [{ key: 'finanzwesen' }, { key: 'middleware' }], perGroup: 0.2, size: [4, 16, 0.5], targetAvailability: 0.995, units: 1 },
  { key: 'portal', name: 'Portal', products: ['ServicePortal', 'BürgerPortal Plus'], deps: [{ key: 'einwohnerwesen' }, { key: 'epayment' }, { key: 'verzeichnis' }], perGroup: 0.2, size: [8, 32, 1], targetAvailability: 0.995, units: 1 },
  { key: 'standesamt', name: 'Standesamt', products: ['StandesWerk'], deps: [{ key: 'einwohnerwesen' }, { key: 'datenbank', tight: true }], perGroup: 0.5, tenants: 'municipality', size: [4, 16, 1], units: 1 },
  { key: 'gewerbe', name: 'Gewerbe', products: ['GewerbeKommunal'], deps: [{ key: 'einwohnerwesen' }, { key: 'finanzwesen' }], perGroup: 0.5, tenants: 'municipality', size: [4, 16, 0.5], units: 1 },
  { key: 'ordnungswesen', name: 'Ordnungswesen', products: ['OWi-Kommunal', 'BußgeldWerk'], deps: [{ key: 'finanzwesen' }, { key: 'einwohnerwesen' }], perGroup: 0.5, size: [4, 32, 1], units: 2 },
  { key: 'steuern', name: 'Steuern und Abgaben', products: ['AbgabenWerk'], deps: [{ key: 'finanzwesen', tight: true }, { key: 'einwohnerwesen' }], perGroup: 0.6, tenants: 'municipality', size: [8, 32, 1], blackouts: [{ from: '--01-02', to: '--02-28', reason: 'Jahresveranlagung' }], units: 2 },
  { key: 'kfz', name: 'Kfz-Zulassung', products: ['ZulassungsWerk'], deps: [{ key: 'epayment' }, { key: 'datenbank', tight: true }], perGroup: 0.7, tenants: 'district', size: [8, 32, 2], targetAvailability: 0.995, units: 2 },
  { key: 'auslaender', name: 'Ausländerwesen', products: ['AuslWerk'], deps: [{ key: 'e-akte' }, { key: 'datenbank', tight: true }], perGroup: 0.6, tenants: 'district', size: [4, 16, 1], units: 1 },
  { key: 'sozialwesen', name: 'Sozialwesen', products: ['SozialKommunal', 'ProSoz-K'], deps: [{ key: 'finanzwesen' }, { key: 'e-akte' }], perGroup: 0.7, size: [8, 64, 4], units: 3 },
  { key: 'jugendhilfe', name: 'Jugendhilfe', products: ['JugendWerk'], deps: [{ key: 'finanzwesen' }, { key: 'e-akte' }], perGroup: 0.6, tenants: 'district', size: [4, 32, 2], units: 2 },
  { key: 'geo', name: 'Geoinformation', products: ['GeoPortal Kommunal', 'GIS-Werk'], deps: [{ key: 'datenbank', tight: true }], perGroup: 0.3, size: [8, 32, 8], units: 1 },
  { key: 'bauwesen', name: 'Bauwesen', products: ['BauantragOnline', 'BauWerk'], deps: [{ key: 'e-akte' }, { key: 'geo' }], perGroup: 0.5, size: [4, 32, 4], units: 2 },
  { key: 'schule', name: 'Schulverwaltung', products: ['SchulWerk'], deps: [{ key: 'verzeichnis' }], perGroup: 0.4, size: [4, 16, 1], blackouts: [{ from: '--08-01', to: '--09-15', reason: 'Schuljahresbeginn' }], units: 2 },
  {
    key: 'wahlen', name: 'Wahlen', products: ['WahlWerk'], deps: [{ key: 'einwohnerwesen' }], perGroup: 0.2, tenants: 'municipality', size: [4, 16, 0.5],
    blackouts: [
      { from: '2021-08-01', to: '2021-09-30', reason: 'Bundestagswahl 2021' },
      { from: '2025-01-15', to: '2025-03-15', reason: 'Bundestagswahl 2025' },
      { from: '2025-08-01', to: '2025-09-30', reason: 'Kommunalwahl 2025' },
    ],
    units: 1,
  },
  { key: 'liegenschaften', name: 'Liegenschaften', products: ['ImmoKommunal'], deps: [{ key: 'finanzwesen' }, { key: 'geo' }], perGroup: 0.4, size: [4, 16, 1], units: 1 },
  { key: 'friedhof', name: 'Friedhofswesen', products: ['FriedhofsWerk'], deps: [{ key: 'finanzwesen' }], perGroup: 0.3, tenants: 'municipality', size: [2, 8, 0.5], units: 1 },
  { key: 'feuerwehr', name: 'Feuerwehr', products: ['FeuerWerk'], deps: [{ key: 'verzeichnis' }], perGroup: 0.4, size: [4, 16, 1], units: 1 },
  { key: 'vergabe', name: 'Vergabe', products: ['VergabeMarktplatz'], deps: [{ key: 'e-akte' }, { key: 'finanzwesen' }], perGroup: 0.2, size: [4, 16, 1], units: 1 },
  { key: 'zeiterfassung', name: 'Zeiterfassung', products: ['ZeitWerk'], deps: [{ key: 'personal', tight: true }], perGroup: 0.5, size: [2, 8, 0.5], units: 2 },
  { key: 'kita', name: 'Kita-Verwaltung', products: ['KitaPlaner'], deps: [{ key: 'finanzwesen' }, { key: 'einwohnerwesen' }], perGroup: 0.4, tenants: 'municipality', size: [2, 8, 0.5], units: 1 },
  { key: 'bibliothek', name: 'Bibliothek', products: ['BiblioNet'], deps: [{ key: 'verzeichnis' }], perGroup: 0.3, tenants: 'municipality', size: [2, 8, 1], units: 1 },
  { key: 'archiv', name: 'Archiv', products: ['ArchivWerk'], deps: [{ key: 'e-akte', tight: true }], perGroup: 0.3, size: [4, 16, 20], units: 1 },
  { key: 'groupware', name: 'E-Mail und Groupware', products: ['Groupware-Kommunal'], deps: [{ key: 'verzeichnis', tight: true }, { key: 'dateiablage' }], perGroup: 0.5, size: [16, 128, 40], targetAvailability: 0.995, units: 3 },
  { key: 'termin', name: 'Terminvergabe', products: ['TerminWerk'], deps: [{ key: 'portal' }], perGroup: 0.2, size: [2, 8, 0.2], units: 1 },
  { key: 'veranstaltung', name: 'Veranstaltungen', products: ['EventKommunal'], deps: [{ key: 'portal' }, { key: 'epayment' }], perGroup: 0.1, tenants: 'municipality', size: [2, 8, 0.2], units: 1 },
];

/** Every category by key. */
export const categoryByKey: ReadonlyMap<string, Category> = new Map([...infrastructure, ...specialist].map((c) => [c.key, c]));

/** True if `date` (YYYY-MM-DD) falls into one of the blackouts (annual ones may wrap the year end). */
export function inBlackout(date: string, blackouts: readonly BlackoutDoc[] | undefined): boolean {
  if (!blackouts) return false;
  const md = date.slice(5);
  return blackouts.some((b) => {
    if (!b.from.startsWith('--')) return date >= b.from && date <= b.to;
    const from = b.from.slice(2);
    const to = b.to.slice(2);
    return from <= to ? md >= from && md <= to : md >= from || md <= to;
  });
}
