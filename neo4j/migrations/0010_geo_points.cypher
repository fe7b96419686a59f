// Geography (issue 17): scam centres and places carry their coordinates as a WGS-84 point, kept in
// step with latitude/longitude by every write (src/graph/geo.ts), under a point index, so "within
// 50 km of" and "inside this box" are index seeks, not scans.
CREATE POINT INDEX scam_centre_geo_point IF NOT EXISTS FOR (n:ScamCentre) ON (n.geoPoint);
CREATE POINT INDEX location_geo_point IF NOT EXISTS FOR (n:Location) ON (n.geoPoint);
// What was stored before (and what an initial load brings): its points from its coordinates.
MATCH (n:Entity) WHERE (n:ScamCentre OR n:Location) AND n.latitude IS NOT NULL AND n.longitude IS NOT NULL AND n.geoPoint IS NULL
CALL (n) { SET n.geoPoint = point({latitude: n.latitude, longitude: n.longitude}) } IN TRANSACTIONS OF 10000 ROWS;
