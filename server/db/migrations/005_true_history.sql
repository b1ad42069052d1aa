-- True history (issue 19): each row is checked against the ledger as of its date and every
-- later date. The projections say how far their history goes, so a row dated on or after
-- that (the common case) is checked against them alone; only an earlier one reads the history.

-- The latest date of any movement at this item, lot and location (voided ones included: a
-- date too late only sends a row to the history, which then decides exactly).
ALTER TABLE stock ADD COLUMN last_date TEXT;
-- The latest date of any movement of this serial (as above).
ALTER TABLE unit ADD COLUMN last_date TEXT;
-- The expiry a receipt (or a count found higher) named, so a void can set the lot's expiry
-- back to what its remaining receipts say.
ALTER TABLE movement ADD COLUMN expiry TEXT;

UPDATE stock SET last_date = d.last
FROM (
  SELECT item_id, lot_id, location_id, MAX(date) AS last FROM (
    SELECT item_id, COALESCE(lot_id, 0) AS lot_id, to_location_id AS location_id, date FROM movement WHERE to_location_id IS NOT NULL
    UNION ALL
    SELECT item_id, COALESCE(lot_id, 0), from_location_id, date FROM movement WHERE from_location_id IS NOT NULL
  ) GROUP BY item_id, lot_id, location_id
) d
WHERE stock.item_id = d.item_id AND stock.lot_id = d.lot_id AND stock.location_id = d.location_id;

UPDATE unit SET last_date = d.last
FROM (SELECT item_id, serial, MAX(date) AS last FROM movement WHERE serial IS NOT NULL GROUP BY item_id, serial) d
WHERE unit.item_id = d.item_id AND unit.serial = d.serial;

-- Receipts posted before this column existed are taken to have named their lot's expiry (the
-- one thing known of them). Movements are append-only; this fills a new column once.
DROP TRIGGER movement_no_update;
UPDATE movement SET expiry = (SELECT l.expiry FROM lot l WHERE l.id = movement.lot_id)
WHERE lot_id IS NOT NULL AND to_location_id IS NOT NULL AND reverses IS NULL AND type IN ('receive', 'adjust');
CREATE TRIGGER movement_no_update BEFORE UPDATE ON movement
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: post a reversal instead');
END;

-- First received: the earliest receipt that counts (a receipt posted later but dated earlier
-- left the later date here).
UPDATE lot SET first_received = d.first
FROM (
  SELECT m.lot_id, MIN(m.date) AS first FROM movement m
  WHERE m.lot_id IS NOT NULL AND m.to_location_id IS NOT NULL AND m.reverses IS NULL AND m.type IN ('receive', 'adjust')
    AND NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = m.batch_id)
  GROUP BY m.lot_id
) d
WHERE lot.id = d.lot_id;
