-- The ledger: master data, batches, append-only movements, and the projections
-- (lot, unit, stock) that the one write path keeps in step with the movements.

CREATE TABLE workspace (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  -- bumped by every post; a write batch checked against an older version is refused
  ledger_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- Optimistic concurrency: a post sets ledger_version to the value it read plus one.
-- If another post got there first the step is not +1 and the whole write batch aborts.
CREATE TRIGGER workspace_version_guard BEFORE UPDATE OF ledger_version ON workspace
WHEN NEW.ledger_version <> OLD.ledger_version + 1
BEGIN
  SELECT RAISE(ABORT, 'ledger_changed');
END;

CREATE TABLE token (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'clerk', 'admin')),
  hash TEXT NOT NULL UNIQUE, -- SHA-256 hex of the secret; the secret itself is never stored
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE UNIQUE INDEX token_live_name ON token(workspace_id, name) WHERE revoked_at IS NULL;

CREATE TABLE item (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT 'each',
  lot_tracked INTEGER NOT NULL CHECK (lot_tracked IN (0, 1)),
  serial_tracked INTEGER NOT NULL CHECK (serial_tracked IN (0, 1)),
  requires_expiry INTEGER NOT NULL DEFAULT 0 CHECK (requires_expiry IN (0, 1)),
  gtin TEXT,
  UNIQUE (workspace_id, sku)
);
CREATE INDEX item_gtin ON item(workspace_id, gtin) WHERE gtin IS NOT NULL;

CREATE TABLE location (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  code TEXT NOT NULL,
  name TEXT,
  UNIQUE (workspace_id, code)
);

CREATE TABLE lot (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  item_id INTEGER NOT NULL REFERENCES item(id),
  code TEXT NOT NULL,
  expiry TEXT,
  first_received TEXT NOT NULL,
  UNIQUE (item_id, code)
);
CREATE INDEX lot_expiry ON lot(workspace_id, expiry) WHERE expiry IS NOT NULL;

CREATE TABLE batch (
  id TEXT PRIMARY KEY, -- public id, e.g. B-01JD3K7Q8ZC4
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  posted_at TEXT NOT NULL, -- ISO timestamp, UTC
  posted_by TEXT NOT NULL, -- token name
  rows INTEGER NOT NULL,
  source_workbook TEXT,
  source_sheet TEXT,
  source_range TEXT,
  voids TEXT REFERENCES batch(id), -- set on a reversing batch: the batch it voids
  reason TEXT -- why a reversing batch was posted
);
CREATE INDEX batch_posted ON batch(workspace_id, posted_at);
CREATE UNIQUE INDEX batch_voids_once ON batch(voids) WHERE voids IS NOT NULL;

-- One posted row. Never updated, never deleted: a correction is a reversal
-- (a movement whose `reverses` points at the original), and nothing is reversed twice.
CREATE TABLE movement (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  batch_id TEXT NOT NULL REFERENCES batch(id),
  row_index INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('receive', 'transfer', 'ship', 'return', 'scrap', 'adjust')),
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
  reverses INTEGER REFERENCES movement(id),
  posted_at TEXT NOT NULL
);
CREATE INDEX movement_batch ON movement(batch_id);
CREATE INDEX movement_lot ON movement(lot_id) WHERE lot_id IS NOT NULL;
CREATE INDEX movement_serial ON movement(item_id, serial) WHERE serial IS NOT NULL;
CREATE INDEX movement_item_date ON movement(item_id, date);
CREATE INDEX movement_date ON movement(workspace_id, date);
CREATE UNIQUE INDEX movement_reversed_once ON movement(reverses) WHERE reverses IS NOT NULL;

CREATE TRIGGER movement_no_update BEFORE UPDATE ON movement
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: post a reversal instead');
END;
CREATE TRIGGER movement_no_delete BEFORE DELETE ON movement
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: post a reversal instead');
END;

-- Projection: each serial unit's current place. Kept by the write path; rebuildable from movements.
CREATE TABLE unit (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  item_id INTEGER NOT NULL REFERENCES item(id),
  serial TEXT NOT NULL,
  lot_id INTEGER REFERENCES lot(id),
  state TEXT NOT NULL CHECK (state IN ('in_stock', 'shipped', 'scrapped')),
  location_id INTEGER REFERENCES location(id), -- set when in_stock
  party TEXT, -- set when shipped
  UNIQUE (item_id, serial)
);
CREATE INDEX unit_serial ON unit(workspace_id, serial);
CREATE INDEX unit_lot ON unit(lot_id) WHERE lot_id IS NOT NULL;

-- Projection: quantity on hand per item, lot (0 when none) and location, in thousandths.
-- The CHECK is the last line of defence: no lot is ever below zero anywhere.
CREATE TABLE stock (
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  item_id INTEGER NOT NULL REFERENCES item(id),
  lot_id INTEGER NOT NULL DEFAULT 0,
  location_id INTEGER NOT NULL REFERENCES location(id),
  qty_milli INTEGER NOT NULL CHECK (qty_milli >= 0),
  PRIMARY KEY (item_id, lot_id, location_id)
);
CREATE INDEX stock_location ON stock(workspace_id, location_id);
CREATE INDEX stock_lot ON stock(lot_id);

-- Idempotency keys (Stripe's rules): the first answer is kept and replayed.
CREATE TABLE idempotency (
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  status INTEGER,
  response TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, key)
);
