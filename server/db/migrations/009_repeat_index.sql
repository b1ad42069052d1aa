-- Duplicate protection: a post looks up the keys (type, ref, item, lot, quantity) of its rows
-- among the movements that could be repeated (not serial rows, not reversals). A lot's rows are
-- found through the lot (movement_lot: a lot has few movements); an untracked item's rows, which
-- have no lot to go through, by item and ref here. So the lot rows of a post, most of what is
-- posted, add no entry to a further index.
CREATE INDEX movement_repeat ON movement(item_id, ref) WHERE ref IS NOT NULL AND serial IS NULL AND reverses IS NULL AND lot_id IS NULL;
