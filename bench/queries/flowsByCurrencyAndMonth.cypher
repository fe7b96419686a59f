// The floor: whole months from the month tallies; whole days of the two cut months, whole hours of the
// two cut days, each looked up by key (currency and period, src/graph/tallies.ts) for the currencies
// the coarser tally has; the two cut hours from their transfers through the index on `at`, summed in
// integer parts as the API sums them.
MATCH (m:DashboardTally {board: 'flowsByCurrencyAndMonth'}) WHERE m.count <> 0
WITH collect(m) AS months
CALL (months) {
  UNWIND months AS t
  WITH t WHERE t.month >= $firstWholeMonth AND t.month < $untilMonth
  RETURN t.currency AS currency, t.month AS month, t.count AS transfers, t.amountWhole AS aw, t.amountNanos AS an, t.amountUsdWhole AS uw, t.amountUsdNanos AS un
  UNION ALL
  UNWIND months AS m
  WITH m WHERE m.month IN [$sinceMonth, $untilMonth]
  UNWIND CASE m.month WHEN $sinceMonth THEN $sinceDays ELSE $untilDays END AS day
  MATCH (t:DashboardTally {board: 'flowsByCurrencyAndDay', key: coalesce(m.currency, '') + '|' + day})
  WHERE t.count <> 0
  RETURN t.currency AS currency, left(t.day, 7) AS month, t.count AS transfers, t.amountWhole AS aw, t.amountNanos AS an, t.amountUsdWhole AS uw, t.amountUsdNanos AS un
  UNION ALL
  UNWIND months AS m
  WITH m WHERE m.month IN [$sinceMonth, $untilMonth]
  MATCH (d:DashboardTally {board: 'flowsByCurrencyAndDay', key: coalesce(m.currency, '') + '|' + CASE m.month WHEN $sinceMonth THEN $sinceDay ELSE $untilDay END})
  WHERE d.count <> 0
  UNWIND CASE d.day WHEN $sinceDay THEN $sinceHours ELSE $untilHours END AS hour
  MATCH (t:DashboardTally {board: 'flowsByCurrencyAndHour', key: coalesce(d.currency, '') + '|' + hour})
  WHERE t.count <> 0
  RETURN t.currency AS currency, left(t.hour, 7) AS month, t.count AS transfers, t.amountWhole AS aw, t.amountNanos AS an, t.amountUsdWhole AS uw, t.amountUsdNanos AS un
  UNION ALL
  // Each cut hour a range seek of its own (an OR of the two would scan every transfer).
  UNWIND [[$since, $sinceNextHourStart], [$untilHourStart, $until]] AS range
  MATCH ()-[r:TRANSFERRED]->() WHERE r.at >= range[0] AND r.at < range[1]
  RETURN r.currency AS currency, left(r.at, 7) AS month, 1 AS transfers,
         toInteger(floor(coalesce(r.amount, 0.0))) AS aw, toInteger(round((coalesce(r.amount, 0.0) - floor(coalesce(r.amount, 0.0))) * 1000000000)) AS an,
         toInteger(floor(coalesce(r.amountUsd, 0.0))) AS uw, toInteger(round((coalesce(r.amountUsd, 0.0) - floor(coalesce(r.amountUsd, 0.0))) * 1000000000)) AS un
}
WITH currency, month, sum(transfers) AS transfers, sum(aw) AS aw, sum(an) AS an, sum(uw) AS uw, sum(un) AS un
ORDER BY coalesce(month, '\uffff'), coalesce(currency, '\uffff')
WITH collect({currency: currency, month: month, transfers: transfers, amount: aw + an / 1000000000.0, amountUsd: uw + un / 1000000000.0}) AS buckets
RETURN {nodes: buckets[0..250], bucketCount: size(buckets)} AS flowsByCurrencyAndMonth
