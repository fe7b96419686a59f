MATCH (p:TraffickingVictim)
OPTIONAL MATCH (p)-[:NATIONAL_OF]->(c:Location)
WITH c.countryCode AS countryCode, count(DISTINCT p) AS victims
ORDER BY victims DESC, countryCode
RETURN collect({countryCode: countryCode, victims: victims}) AS victimsByNationality
