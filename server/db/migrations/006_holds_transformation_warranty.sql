-- Recalls that act (issue 15): holds on lots and units, transformation (consume and produce
-- rows of one batch tied by their work order ref), returns tied to the sale, warranty.

-- Holds: a hold and its release are kept forever (who, when, why). A row is never deleted;
-- its release fields are set once, and nothing else of it ever changes.
CREATE TABLE hold (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  item_id INTEGER NOT NULL REFERENCES item(id),
  lot_id INTEGER REFERENCES lot(id), -- the held lot, or the held unit's lot
  serial TEXT, -- set on a hold of one unit
  reason TEXT NOT NULL CHECK (reason <> ''),
  held_at TEXT NOT NULL,
  held_by TEXT NOT NULL,
  released_at TEXT,
  released_by TEXT,
  release_reason TEXT,
  CHECK (serial IS NOT NULL OR lot_id IS NOT NULL)
);
-- One active hold per lot and per unit: a second hold of the same keeps the first.
CREATE UNIQUE INDEX hold_active_lot ON hold(lot_id) WHERE released_at IS NULL AND serial IS NULL;
CREATE UNIQUE INDEX hold_active_unit ON hold(item_id, serial) WHERE released_at IS NULL AND serial IS NOT NULL;
-- The active holds of the items a batch names (read with the batch's ledger state); whole, not
-- partial, so a change of an item or a lot finds the holds naming it without a scan.
CREATE INDEX hold_item ON hold(item_id);
CREATE INDEX hold_lot ON hold(lot_id);
CREATE INDEX hold_listed ON hold(workspace_id, held_at);
CREATE TRIGGER hold_no_delete BEFORE DELETE ON hold
BEGIN
  SELECT RAISE(ABORT, 'holds are kept: release a hold instead');
END;
CREATE TRIGGER hold_released_once BEFORE UPDATE ON hold
WHEN OLD.released_at IS NOT NULL OR NEW.released_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.workspace_id IS NOT OLD.workspace_id OR NEW.item_id IS NOT OLD.item_id
  OR NEW.lot_id IS NOT OLD.lot_id OR NEW.serial IS NOT OLD.serial OR NEW.reason IS NOT OLD.reason
  OR NEW.held_at IS NOT OLD.held_at OR NEW.held_by IS NOT OLD.held_by
BEGIN
  SELECT RAISE(ABORT, 'a hold is released once, and nothing else of it changes');
END;

-- Stock moved into a quarantine location may leave a held lot's shelf.
ALTER TABLE location ADD COLUMN quarantine INTEGER NOT NULL DEFAULT 0 CHECK (quarantine IN (0, 1));
-- Whole days of warranty from the last shipment to a customer; NULL: none.
ALTER TABLE item ADD COLUMN warranty_days INTEGER CHECK (warranty_days IS NULL OR warranty_days >= 0);

-- The movement types gain consume and produce. SQLite cannot change a CHECK in place, so the
-- table is built again under a new name (its reversal reference to itself, which the rename
-- carries over), filled in posting order with the same ids, and renamed.
DROP TRIGGER movement_no_update;
DROP TRIGGER movement_no_delete;
CREATE TABLE movement_new (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  batch_id TEXT NOT NULL REFERENCES batch(id),
  row_index INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('receive', 'transfer', 'ship', 'return', 'scrap', 'adjust', 'consume', 'produce')),
  date TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES item(id),
  lot_id INTEGER REFERENCES lot(id),
  serial TEXT,
  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
  from_location_id INTEGER REFERENCES location(id),
  to_location_id INTEGER REFERENCES location(id),
  party TEXT,
  ref TEXT,
  note TEXT,
  reverses INTEGER REFERENCES movement_new(id),
  posted_at TEXT NOT NULL,
  expiry TEXT
);
INSERT INTO movement_new (id, workspace_id, batch_id, row_index, type, date, item_id, lot_id, serial, qty_milli,
  from_location_id, to_location_id, party, ref, note, reverses, posted_at, expiry)
SELECT id, workspace_id, batch_id, row_index, type, date, item_id, lot_id, serial, qty_milli,
  from_location_id, to_location_id, party, ref, note, reverses, posted_at, expiry
FROM movement ORDER BY id;
DROP TABLE movement;
ALTER TABLE movement_new RENAME TO movement;
CREATE INDEX movement_batch ON movement(batch_id);
CREATE INDEX movement_lot ON movement(lot_id) WHERE lot_id IS NOT NULL;
CREATE INDEX movement_serial ON movement(item_id, serial) WHERE serial IS NOT NULL;
CREATE INDEX movement_item_date ON movement(item_id, date);
CREATE INDEX movement_date ON movement(workspace_id, date);
CREATE UNIQUE INDEX movement_reversed_once ON movement(reverses) WHERE reverses IS NOT NULL;
-- What a party still holds of a lot (or an untracked item): its shipments and returns.
CREATE INDEX movement_party ON movement(item_id, party, lot_id) WHERE party IS NOT NULL AND type IN ('ship', 'return');
CREATE TRIGGER movement_no_update BEFORE UPDATE ON movement
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: post a reversal instead');
END;
CREATE TRIGGER movement_no_delete BEFORE DELETE ON movement
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: post a reversal instead');
END;
