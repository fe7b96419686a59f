// The viewer's statement: the recruiter and its recruits must not be victims. Victims are persons labelled :TraffickingVictim or :FraudVictim;
// an account held only by victims is hidden too (src/policy/visibility.ts).
MATCH (p:Entity {id: $id}) WHERE p:Person AND NOT p:TraffickingVictim AND NOT p:FraudVictim
RETURN p {
  .id, .name, roles: coalesce(p.roles, []),
  relationships: {
    edges: COLLECT {
      MATCH (p)-[r:RECRUITED]->(v:Entity) WHERE NOT v:TraffickingVictim AND NOT v:FraudVictim
      WITH r, v ORDER BY r.sortKey LIMIT $first
      RETURN {
        node: {id: r.id, date: r.date, method: r.method, channel: r.channel},
        other: v {
          .id, .name,
          nationalities: COLLECT { MATCH (v)-[n:NATIONAL_OF]->(c:Entity) WITH n, c ORDER BY n.sortKey RETURN c {.id, .countryCode} },
          journey: COLLECT {
            MATCH (v)-[t:TRAVELLED_TO]->(l:Entity) WITH t, l ORDER BY t.sortKey
            RETURN {id: t.id, seq: t.seq, stage: t.stage, date: t.date, location: l {.id, .name}}
          }
        }
      }
    }
  }
} AS node
