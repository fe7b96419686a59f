import type { JSX } from 'react';
import './dashboards.css';
import { FlowsByCurrencyAndMonthChart, RecruitmentCorridorsChart, ScamCentresByCountryChart, VictimsByNationalityChart } from './DashboardCharts';
import { SUPPRESSED_TEXT } from './common';
import { WorldMap } from './WorldMap';

/**
 * The explorer's Dashboards view: the world map, then the four aggregate dashboards of the API
 * (victims by nationality, recruitment corridors, scam centres by country and status, money flows by
 * currency and month). Rendered inside the explorer's urql Provider, so every number is what the
 * signed-in role may see: below investigator, small buckets read "suppressed (fewer than 11)".
 */
export function Dashboards(): JSX.Element {
  return (
    <section className="dash" data-testid="dashboards" aria-labelledby="dash-heading">
      <header className="dash-header">
        <h2 id="dash-heading">Dashboards</h2>
        <p className="dash-intro">
          Aggregates over the whole graph, never lists of people. Below the investigator role, buckets counting fewer than 11 (and the
          smallest others needed so none can be worked out from a total) read “{SUPPRESSED_TEXT}”.
        </p>
      </header>
      <WorldMap />
      <div className="dash-grid">
        <VictimsByNationalityChart />
        <RecruitmentCorridorsChart />
        <ScamCentresByCountryChart />
        <FlowsByCurrencyAndMonthChart />
      </div>
    </section>
  );
}
