// The floor: whole months from the month tallies, whole days of the two cut months from the day
// tallies, whole hours of the two cut days from the hour tallies by key (src/graph/tallies.ts), the
// two cut hours from their transfers through the index on `at`, summed in integer parts as the API
// sums them.
CALL () {
  MATCH (t:DashboardTally {board: 'flowsByCurrencyAndMonth'})
  WHERE t.month >= $firstWholeMonth AND t.month < $untilMonth AND t.count <> 0
  RETURN t.currency AS currency, t.month AS month, t.count AS transfers, t.amountWhole AS aw, t.amountNanos AS an, t.amountUsdWhole AS uw, t.amountUsdNanos AS un
  UNION ALL
  MATCH (t:DashboardTally {board: 'flowsByCurrencyAndDay'})
  WHERE ((t.day > $sinceDay AND t.day < $firstWholeMonthDay) OR (t.day >= $untilMonthDay AND t.day < $untilDay)) AND t.count <> 0
  RETURN t.currency AS currency, left(t.day, 7) AS month, t.count AS transfers, t.amountWhole AS aw, t.amountNanos AS an, t.amountUsdWhole AS uw, t.amountUsdNanos AS un
  UNION ALL
  // The cut days' hours, looked up by key (currency and hour) for the currencies their day tallies have.
  MATCH (d:DashboardTally {board: 'flowsByCurrencyAndDay'})
  WHERE d.day IN [$sinceDay, $untilDay] AND d.count <> 0
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
