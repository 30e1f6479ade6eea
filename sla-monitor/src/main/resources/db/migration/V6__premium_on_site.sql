-- Premium sends engineers: a booked on-site visit must begin within these (round the clock, as premium's calendar).
-- A new version of premium's policy, so that the clocks started under the first keep it.
INSERT INTO policy (plan, version, body, created_by, created_at)
SELECT plan, version + 1,
       jsonb_set(jsonb_set(jsonb_set(jsonb_set(body,
           '{targets,P1,onSite}', '"PT4H"'), '{targets,P2,onSite}', '"PT8H"'),
           '{targets,P3,onSite}', '"PT24H"'), '{targets,P4,onSite}', '"PT48H"'),
       'defaults', now()
FROM policy
WHERE plan = 'premium' AND version = (SELECT max(version) FROM policy WHERE plan = 'premium')
  AND body #> '{targets,P1,onSite}' IS NULL;
