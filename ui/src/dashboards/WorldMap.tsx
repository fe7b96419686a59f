import { useEffect, useId, useMemo, useState } from 'react';
import { useClient, useQuery, type CombinedError, type OperationResult } from 'urql';
import { geoArea, geoCentroid, geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import world from 'world-atlas/countries-110m.json';
import type { DashScamCentrePointsQuery, DashScamCentrePointsQueryVariables, ScamCentreStatus } from '../gql/graphql';
import { KIND_STYLE } from '../theme';
import { BUCKETS_PER_DASHBOARD, DashFigure, ErrorNote, Loading, SUPPRESSED_TEXT, format } from './common';
import { SMALL_COUNTRY_POINTS, countryName, featureAlpha2 } from './countries';
import { RecruitmentCorridorsQuery, ScamCentrePointsQuery, ScamCentresByCountryQuery } from './documents';
import { centresByCountry, corridorCodes, corridorNames, corridorStops, isSuppressed, statusLabel, type CountryCentres, type CorridorBucket } from './model';

/**
 * The world map of the Dashboards view, drawn as SVG with d3-geo from world-atlas (1:110m, bundled:
 * nothing from the network): countries shaded by their number of scam centres, the centres that have
 * coordinates as dots, and the most travelled recruitment journeys as arcs between countries.
 */

const SCAM_CENTRE_COLOUR = KIND_STYLE.SCAM_CENTRE.colour;
const LOCATION_COLOUR = KIND_STYLE.LOCATION.colour;
const PERSON_COLOUR = KIND_STYLE.PERSON.colour;
const OUTLINE = '#1f2933';
const NO_DATA_FILL = '#e4e7eb';
const OCEAN_FILL = '#f3f7fa';
/** Sequential shades of the scam-centre colour, lightest to darkest. */
const RAMP = ['#fbd3d0', '#f5a19c', '#ea6f6d', '#c9393c', '#8f1d22'];
/** Scam-centre pages of 100 read for the dots, at most. */
const MAX_POINT_PAGES = 5;
/** Recruitment journeys drawn, at most (the most travelled). */
const MAX_JOURNEYS = 12;
const WIDTH = 960;
const PAD = 6;

type CountryFeature = Feature<Polygon | MultiPolygon, { name: string }>;

interface BaseCountry {
  code: string | null;
  name: string;
  d: string;
}

interface BaseMap {
  countries: BaseCountry[];
  /** Projected centre of each country (of its largest polygon), by alpha-2. */
  centres: Map<string, [number, number]>;
  project(lonLat: [number, number]): [number, number] | null;
  sphere: string;
  graticule: string;
  viewBox: string;
}

let baseMap: BaseMap | null = null;

/** Projects the atlas once: country outlines, centres, the sphere and the graticule. */
function getBaseMap(): BaseMap {
  if (baseMap) return baseMap;
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  // Antarctica (010) would take a fifth of the height and hold no data.
  const features = collection.features.filter((f) => String(f.id) !== '010') as CountryFeature[];
  const land: FeatureCollection<Polygon | MultiPolygon, { name: string }> = { type: 'FeatureCollection', features };
  const projection = geoNaturalEarth1().fitWidth(WIDTH - 2 * PAD, land);
  const path = geoPath(projection);
  const [[x0, y0], [x1, y1]] = path.bounds(land);
  const countries: BaseCountry[] = [];
  const centres = new Map<string, [number, number]>();
  for (const f of features) {
    const code = featureAlpha2(f.id, f.properties?.name);
    countries.push({ code, name: code ? countryName(code) : (f.properties?.name ?? 'Unknown'), d: path(f) ?? '' });
    if (code) {
      const p = projection(geoCentroid(largestPolygon(f)));
      if (p) centres.set(code, [p[0], p[1]]);
    }
  }
  for (const [code, lonLat] of Object.entries(SMALL_COUNTRY_POINTS)) {
    if (centres.has(code)) continue;
    const p = projection(lonLat);
    if (p) centres.set(code, [p[0], p[1]]);
  }
  baseMap = {
    countries,
    centres,
    project: (lonLat) => {
      const p = projection(lonLat);
      return p ? [p[0], p[1]] : null;
    },
    sphere: path({ type: 'Sphere' }) ?? '',
    graticule: path(geoGraticule10()) ?? '',
    viewBox: `${(x0 - PAD).toFixed(1)} ${(y0 - PAD).toFixed(1)} ${(x1 - x0 + 2 * PAD).toFixed(1)} ${(y1 - y0 + 2 * PAD).toFixed(1)}`,
  };
  return baseMap;
}

/** The largest polygon of a country (metropolitan France rather than the middle of the Atlantic). */
function largestPolygon(f: CountryFeature): Feature<Polygon> {
  const g = f.geometry;
  if (g.type === 'Polygon') return { type: 'Feature', geometry: g, properties: {} };
  let best: Polygon = { type: 'Polygon', coordinates: g.coordinates[0] ?? [] };
  let bestArea = -1;
  for (const coordinates of g.coordinates) {
    const polygon: Polygon = { type: 'Polygon', coordinates };
    const area = geoArea(polygon);
    if (area > bestArea) {
      best = polygon;
      bestArea = area;
    }
  }
  return { type: 'Feature', geometry: best, properties: {} };
}

/** Up to five classes of "nice" breaks (1, 2, 3, 5, 10, 20, 50…) covering 1..max. */
function shadingClasses(max: number): Array<{ from: number; to: number | null; colour: string }> {
  if (max < 1) return [];
  const nice = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000].filter((b) => b <= max);
  let breaks = nice;
  if (breaks.length > RAMP.length) {
    const picked = new Set<number>();
    for (let i = 0; i < RAMP.length; i++) picked.add(nice[Math.round((i * (nice.length - 1)) / (RAMP.length - 1))]!);
    breaks = [...picked].sort((a, b) => a - b);
  }
  const k = breaks.length;
  return breaks.map((from, i) => {
    const next = breaks[i + 1];
    const colour = k === 1 ? RAMP[3]! : RAMP[Math.round(1 + (i * (RAMP.length - 2)) / (k - 1))] ?? RAMP[RAMP.length - 1]!;
    return { from, to: next === undefined ? null : next - 1, colour };
  });
}

function classLabel(c: { from: number; to: number | null }): string {
  if (c.to === null) return c.from === 1 ? '1 or more' : `${format.integer(c.from)} or more`;
  return c.from === c.to ? format.integer(c.from) : `${format.integer(c.from)}–${format.integer(c.to)}`;
}

interface CentrePoint {
  id: string;
  name: string;
  status: ScamCentreStatus | null;
  latitude: number;
  longitude: number;
}

interface PointsState {
  points: CentrePoint[];
  read: number;
  total: number | null;
  more: boolean;
  loading: boolean;
  error: CombinedError | null;
}

/** Reads scam centres 100 at a time, at most five pages, keeping those with coordinates. */
function useScamCentrePoints(): PointsState {
  const client = useClient();
  const [state, setState] = useState<PointsState>({ points: [], read: 0, total: null, more: false, loading: true, error: null });
  useEffect(() => {
    let cancelled = false;
    setState({ points: [], read: 0, total: null, more: false, loading: true, error: null });
    void (async () => {
      const points: CentrePoint[] = [];
      let read = 0;
      let after: string | null = null;
      for (let pageNo = 0; pageNo < MAX_POINT_PAGES; pageNo++) {
        const result: OperationResult<DashScamCentrePointsQuery, DashScamCentrePointsQueryVariables> = await client.query(ScamCentrePointsQuery, { first: 100, after }).toPromise();
        if (cancelled) return;
        const connection = result.data?.scamCentres;
        if (result.error || !connection) {
          setState((s) => ({ ...s, loading: false, error: result.error ?? null }));
          return;
        }
        for (const { node } of connection.edges) {
          read++;
          if (typeof node.latitude === 'number' && typeof node.longitude === 'number') {
            points.push({ id: node.id, name: node.name, status: node.status ?? null, latitude: node.latitude, longitude: node.longitude });
          }
        }
        after = connection.pageInfo.endCursor ?? null;
        const more = connection.pageInfo.hasNextPage && after !== null;
        const last = !more || pageNo === MAX_POINT_PAGES - 1;
        setState({ points: [...points], read, total: connection.totalCount, more, loading: !last, error: null });
        if (last) return;
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client]);
  return state;
}

/** An SVG path through the points, each leg a gentle arc (bent to its left), so shared legs part. */
function arcPath(points: ReadonlyArray<[number, number]>): string {
  const first = points[0];
  if (!first) return '';
  let d = `M${first[0].toFixed(1)},${first[1].toFixed(1)}`;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const cx = (ax + bx) / 2 + dy * 0.18;
    const cy = (ay + by) / 2 - dx * 0.18;
    d += ` Q${cx.toFixed(1)},${cy.toFixed(1)} ${bx.toFixed(1)},${by.toFixed(1)}`;
  }
  return d;
}

interface Journey {
  key: string;
  d: string;
  width: number;
  suppressed: boolean;
  title: string;
  stops: string[];
  /** Length of the last leg on screen, so the arrowhead never hides it. */
  lastLeg: number;
}

function countryTitle(name: string, entry: CountryCentres | undefined, complete: boolean): string {
  if (!entry) return `${name}: ${complete ? 'no scam centres reported' : 'not among the buckets read'}`;
  const parts: string[] = [];
  if (entry.byStatus.size > 0) {
    const byStatus = [...entry.byStatus].map(([s, n]) => `${statusLabel(s)} ${format.integer(n)}`).join(', ');
    parts.push(`${format.integer(entry.total)} scam centre${entry.total === 1 ? '' : 's'} (${byStatus})`);
  }
  if (entry.suppressed.length > 0) parts.push(`${entry.suppressed.map(statusLabel).join(', ')}: ${SUPPRESSED_TEXT}`);
  return `${name}: ${parts.join('; ')}`;
}

export function WorldMap() {
  const base = useMemo(getBaseMap, []);
  const rawId = useId();
  const ids = useMemo(() => {
    const id = `dash-map-${rawId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
    return { hatch: `${id}-hatch`, arrow: `${id}-arrow` };
  }, [rawId]);

  const [centresResult] = useQuery({ query: ScamCentresByCountryQuery, variables: { first: BUCKETS_PER_DASHBOARD } });
  const [corridorsResult] = useQuery({ query: RecruitmentCorridorsQuery, variables: { first: BUCKETS_PER_DASHBOARD } });
  const points = useScamCentrePoints();

  const centresPage = centresResult.data?.scamCentresByCountry;
  const byCountry = useMemo(() => {
    const map = new Map<string, CountryCentres>();
    for (const entry of centresByCountry(centresPage?.nodes ?? [])) if (entry.countryCode) map.set(entry.countryCode.toUpperCase(), entry);
    return map;
  }, [centresPage]);
  const complete = centresPage ? !centresPage.pageInfo.hasNextPage : false;
  const classes = useMemo(() => shadingClasses(Math.max(0, ...[...byCountry.values()].map((e) => e.total))), [byCountry]);
  const fillOf = (entry: CountryCentres | undefined): string => {
    if (!entry) return NO_DATA_FILL;
    if (entry.total > 0) {
      const c = [...classes].reverse().find((k) => entry.total >= k.from);
      return c?.colour ?? NO_DATA_FILL;
    }
    return entry.suppressed.length > 0 ? `url(#${ids.hatch})` : NO_DATA_FILL;
  };

  const corridorsPage = corridorsResult.data?.recruitmentCorridors;
  const journeys = useMemo((): Journey[] => {
    const nodes: readonly CorridorBucket[] = corridorsPage?.nodes ?? [];
    const top = nodes.slice(0, MAX_JOURNEYS);
    const max = Math.max(1, ...top.map((c) => (isSuppressed(c, c.victims) ? 0 : c.victims)));
    const out: Journey[] = [];
    top.forEach((c, i) => {
      const stops = corridorStops(c).filter((code): code is string => code !== null && base.centres.has(code.toUpperCase())).map((code) => code.toUpperCase());
      const distinct = stops.filter((code, j) => j === 0 || code !== stops[j - 1]);
      if (distinct.length < 2) return;
      const suppressed = isSuppressed(c, c.victims);
      const xy = distinct.map((code) => base.centres.get(code)!);
      const [[ax, ay], [bx, by]] = [xy[xy.length - 2]!, xy[xy.length - 1]!];
      out.push({
        key: `${i}-${corridorCodes(c)}`,
        d: arcPath(xy),
        lastLeg: Math.hypot(bx - ax, by - ay),
        width: suppressed ? 1.5 : 1.5 + 6 * Math.sqrt(c.victims! / max),
        suppressed,
        title: `${corridorNames(c)}: ${suppressed ? SUPPRESSED_TEXT : `${format.integer(c.victims!)} ${c.victims === 1 ? 'person' : 'people'}`}`,
        stops: distinct,
      });
    });
    // Thin lines on top of thick ones, so none is hidden.
    return out.sort((a, b) => b.width - a.width);
  }, [corridorsPage, base]);
  const journeyStops = useMemo(() => [...new Set(journeys.flatMap((j) => j.stops))], [journeys]);

  const smallShaded = useMemo(
    () => [...byCountry.keys()].filter((code) => !base.countries.some((c) => c.code === code) && base.centres.has(code)),
    [byCountry, base],
  );

  const dots = useMemo(
    () =>
      points.points
        .map((p) => ({ p, xy: base.project([p.longitude, p.latitude]) }))
        .filter((x): x is { p: CentrePoint; xy: [number, number] } => x.xy !== null),
    [points.points, base],
  );

  const errors: Array<[string, CombinedError]> = [];
  if (centresResult.error) errors.push(['scam centres by country', centresResult.error]);
  if (corridorsResult.error) errors.push(['recruitment corridors', corridorsResult.error]);
  if (points.error) errors.push(['scam centre locations', points.error]);
  const loading = (centresResult.fetching && !centresPage) || (corridorsResult.fetching && !corridorsPage) || points.loading;

  const journeyCount = corridorsPage?.nodes.length ?? 0;
  return (
    <DashFigure
      id="dash-map"
      title="World map: scam centres and recruitment journeys"
      description={
        <>
          Countries shaded by their number of scam centres; dots: scam centres with coordinates
          {points.total !== null ? ` (${format.integer(points.points.length)} of ${format.integer(points.read)} read${points.more ? `; ${format.integer(points.total - points.read)} more not read` : ''})` : ''}
          ; lines: the {Math.min(MAX_JOURNEYS, journeyCount) || ''} most travelled recruitment journeys, origin to destination through transit countries, width by number of people.
        </>
      }
    >
      {errors.map(([what, error]) => (
        <ErrorNote key={what} error={error} what={what} />
      ))}
      {loading ? <Loading what="map data" /> : null}
      <div className="dash-map">
        <svg data-testid="world-map" viewBox={base.viewBox} role="img" aria-labelledby="dash-map-caption" preserveAspectRatio="xMidYMid meet">
          <defs>
            <pattern id={ids.hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#fdf1f1" />
              <line x1="0" y1="0" x2="0" y2="6" stroke={SCAM_CENTRE_COLOUR} strokeWidth="2.5" />
            </pattern>
            {journeys.map((j, i) => {
              // An arrowhead a little wider than its line, its tip just short of the destination's dot,
              // and no longer than a third of the last leg.
              const size = Math.max(5, Math.min(Math.max(9, j.width * 2.4), j.lastLeg / 3));
              return (
                <marker key={j.key} id={`${ids.arrow}-${i}`} viewBox="0 0 10 10" refX={10 + 45 / size} refY="5" markerWidth={size} markerHeight={size} markerUnits="userSpaceOnUse" orient="auto">
                  <path d="M0,0 L10,5 L0,10 z" fill={PERSON_COLOUR} stroke={OUTLINE} strokeWidth={0.8 * (10 / size)} />
                </marker>
              );
            })}
          </defs>
          <path d={base.sphere} fill={OCEAN_FILL} />
          <path d={base.graticule} fill="none" stroke="#dfe6ec" strokeWidth="0.5" />
          <g className="dash-countries">
            {base.countries.map((c, i) => {
              const entry = c.code ? byCountry.get(c.code) : undefined;
              return (
                <path key={`${c.code ?? c.name}-${i}`} className="dash-country" data-code={c.code ?? undefined} d={c.d} fill={fillOf(entry)} stroke="#ffffff" strokeWidth="0.5">
                  <title>{countryTitle(c.name, entry, complete)}</title>
                </path>
              );
            })}
            {smallShaded.map((code) => {
              const [x, y] = base.centres.get(code)!;
              const entry = byCountry.get(code);
              return (
                <circle key={code} className="dash-country-point" cx={x} cy={y} r={4} fill={fillOf(entry)} stroke={OUTLINE} strokeWidth="0.75">
                  <title>{countryTitle(countryName(code), entry, complete)}</title>
                </circle>
              );
            })}
          </g>
          <g className="dash-journeys" fill="none" strokeLinecap="round">
            {journeys.map((j, i) => (
              <path
                key={j.key}
                className="dash-journey"
                d={j.d}
                stroke={PERSON_COLOUR}
                strokeOpacity={0.8}
                strokeWidth={j.width}
                strokeDasharray={j.suppressed ? '5 4' : undefined}
                markerEnd={`url(#${ids.arrow}-${i})`}
              >
                <title>{j.title}</title>
              </path>
            ))}
          </g>
          <g className="dash-journey-stops">
            {journeyStops.map((code) => {
              const [x, y] = base.centres.get(code)!;
              return (
                <circle key={code} cx={x} cy={y} r={3.5} fill={LOCATION_COLOUR} stroke={OUTLINE} strokeWidth="0.75">
                  <title>{countryName(code)}</title>
                </circle>
              );
            })}
          </g>
          <g className="dash-centre-dots">
            {dots.map(({ p, xy: [x, y] }) => (
              <circle key={p.id} className="dash-centre-dot" cx={x} cy={y} r={3.5} fill={SCAM_CENTRE_COLOUR} fillOpacity={0.9} stroke={OUTLINE} strokeWidth="0.75">
                <title>{`${p.name} (scam centre, ${statusLabel(p.status).toLowerCase()})`}</title>
              </circle>
            ))}
          </g>
        </svg>
      </div>
      <ul className="dash-legend" aria-label="Map legend">
        <li className="dash-legend-heading">Scam centres per country:</li>
        {classes.map((c) => (
          <li key={c.from}>
            <span className="dash-swatch" style={{ background: c.colour }} aria-hidden="true" />
            {classLabel(c)}
          </li>
        ))}
        <li>
          <span className="dash-swatch dash-swatch-hatch" aria-hidden="true" />
          {SUPPRESSED_TEXT}
        </li>
        <li>
          <span className="dash-swatch" style={{ background: NO_DATA_FILL }} aria-hidden="true" />
          none reported
        </li>
        <li>
          <svg className="dash-legend-symbol" width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" fill={SCAM_CENTRE_COLOUR} stroke={OUTLINE} strokeWidth="0.75" />
          </svg>
          scam centre
        </li>
        <li>
          <svg className="dash-legend-symbol" width="28" height="14" aria-hidden="true">
            <line x1="2" y1="7" x2="26" y2="7" stroke={PERSON_COLOUR} strokeWidth="4" />
          </svg>
          recruitment journey (width: people)
        </li>
        <li>
          <svg className="dash-legend-symbol" width="28" height="14" aria-hidden="true">
            <line x1="2" y1="7" x2="26" y2="7" stroke={PERSON_COLOUR} strokeWidth="1.5" strokeDasharray="5 4" />
          </svg>
          journey, {SUPPRESSED_TEXT}
        </li>
        <li>
          <svg className="dash-legend-symbol" width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="4" fill={LOCATION_COLOUR} stroke={OUTLINE} strokeWidth="0.75" />
          </svg>
          country on a journey
        </li>
      </ul>
    </DashFigure>
  );
}
