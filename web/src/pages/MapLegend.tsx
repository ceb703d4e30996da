/** The map's legend: link colours (by carrier, type or verdict), failures, risk groups, site types, paths. */
import { choiceColour, choices, useI18n } from '../i18n/index.js';
import { OTHER_CARRIER, OWN_LINE, type CarrierColours } from './mapColours.js';
import { CUT_OFF, pathColours, type Colouring } from './mapScene.js';

/** What the legend explains. */
export interface MapLegendProps {
  readonly colouring: Colouring;
  readonly carriers: CarrierColours;
  /** Names by id (the carriers are organizations). */
  readonly names: ReadonlyMap<string, string>;
  /** Types of the risk groups on the map. */
  readonly rgTypes: readonly string[];
  /** Paths drawn (0, 1 or 2). */
  readonly paths: number;
}

function Entry({ colour, className = '', label }: { colour?: string; className?: string; label: string }) {
  return (
    <span>
      <span className={`swatch ${className}`} style={colour ? { background: colour } : undefined} aria-hidden="true" /> {label}
    </span>
  );
}

export function MapLegend({ colouring, carriers, names, rgTypes, paths }: MapLegendProps) {
  const { t, choice } = useI18n();
  return (
    <p className="legend">
      {colouring === 'carrier' && (
        <>
          {carriers.carriers.map((c) => (
            <Entry key={c} colour={carriers.colours.get(c)} label={names.get(c) ?? c} />
          ))}
          {carriers.others && <Entry colour={OTHER_CARRIER} label={t('map.otherCarriers')} />}
          {carriers.own && <Entry colour={OWN_LINE} label={t('map.ownLines')} />}
        </>
      )}
      {colouring === 'type' && choices.linkType.map((c) => <Entry key={c.value} colour={c.colour} label={choice('linkType', c.value)} />)}
      {colouring === 'verdict' && (
        <>
          <Entry colour="#6b8f71" label={t('map.legendOk')} />
          <Entry colour="#c00000" label={t('map.legendSpof')} />
        </>
      )}
      {pathColours.slice(0, paths).map((c, i) => (
        <Entry key={c} colour={c} label={t('map.path', { n: i + 1 })} />
      ))}
      <Entry className="dashed red" label={t('map.legendCut')} />
      <span>
        <span className="swatch ring-cutoff" style={{ borderColor: CUT_OFF }} aria-hidden="true" /> {t('map.legendCutOff')}
      </span>
      {rgTypes.map((type) => (
        <Entry key={type} className="band" colour={choiceColour('riskGroupType', type)} label={`${t('map.riskGroup')}: ${choice('riskGroupType', type)}`} />
      ))}
      {choices.siteType.map((c) => (
        <Entry key={c.value} className="square" colour={c.colour} label={choice('siteType', c.value)} />
      ))}
    </p>
  );
}
