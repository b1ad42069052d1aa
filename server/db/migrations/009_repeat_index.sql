-- Duplicate protection: a post looks up the (item, ref, lot) of each of its rows among the
-- movements that could be repeated (not serial rows, not reversals), one index search a key.
CREATE INDEX movement_repeat ON movement(item_id, ref, lot_id) WHERE ref IS NOT NULL AND serial IS NULL AND reverses IS NULL;
