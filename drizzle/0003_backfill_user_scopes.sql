-- Existing installations: derive user_scopes from the placements that existed before the table did
-- (the same rule as refreshUserScopes: every node on the path of each placement, except the owner).
INSERT INTO user_scopes (node_id, user_id)
SELECT DISTINCT ancestor::uuid, placement.user_id
FROM (
  SELECT user_id, node_id FROM memberships
  UNION
  SELECT user_id, node_id FROM role_assignments
) placement
JOIN nodes ON nodes.id = placement.node_id
CROSS JOIN LATERAL unnest((string_to_array(trim(both '/' from nodes.path), '/'))[2:]) AS ancestor
ON CONFLICT DO NOTHING;
