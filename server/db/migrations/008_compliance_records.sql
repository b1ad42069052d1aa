-- Compliance records (issue 17): what FSMA 204 and EPCIS need to describe each event.

-- Suppliers and customers, by name: a row's `party` names one of these, or someone not
-- described yet (the exports then say which description is missing).
CREATE TABLE party (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspace(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('supplier', 'customer', 'both')),
  gln TEXT,
  ffrn TEXT,
  phone TEXT,
  address TEXT,
  city TEXT,
  region TEXT,
  postal_code TEXT,
  country TEXT,
  UNIQUE (workspace_id, name)
);

-- Own locations described as a place of business.
ALTER TABLE location ADD COLUMN business_name TEXT;
ALTER TABLE location ADD COLUMN gln TEXT;
ALTER TABLE location ADD COLUMN phone TEXT;
ALTER TABLE location ADD COLUMN address TEXT;
ALTER TABLE location ADD COLUMN city TEXT;
ALTER TABLE location ADD COLUMN region TEXT;
ALTER TABLE location ADD COLUMN postal_code TEXT;
ALTER TABLE location ADD COLUMN country TEXT;

-- The product description of 21 CFR 1.1310.
ALTER TABLE item ADD COLUMN brand TEXT;
ALTER TABLE item ADD COLUMN commodity TEXT;
ALTER TABLE item ADD COLUMN variety TEXT;
ALTER TABLE item ADD COLUMN pack_size TEXT;
ALTER TABLE item ADD COLUMN pack_style TEXT;

-- Units become UN/ECE Recommendation 20/21 codes; the words items were stored with before
-- are the codes they always meant.
-- (The words are shared/units.ts's UNIT_WORDS.)
UPDATE item SET unit = CASE lower(trim(unit))
  WHEN 'each' THEN 'EA' WHEN 'ea' THEN 'EA' WHEN 'case' THEN 'CS' WHEN 'box' THEN 'BX' WHEN 'bag' THEN 'BG'
  WHEN 'kg' THEN 'KGM' WHEN 'lb' THEN 'LBR' WHEN 'piece' THEN 'H87' WHEN 'pieces' THEN 'H87' WHEN 'pc' THEN 'H87'
  WHEN 'pcs' THEN 'H87' WHEN 'pair' THEN 'PR' WHEN 'dozen' THEN 'DZN' WHEN 'g' THEN 'GRM' WHEN 'gram' THEN 'GRM'
  WHEN 'mg' THEN 'MGM' WHEN 'l' THEN 'LTR' WHEN 'litre' THEN 'LTR' WHEN 'liter' THEN 'LTR' WHEN 'ml' THEN 'MLT'
  WHEN 'carton' THEN 'CT' WHEN 'pack' THEN 'PK' WHEN 'bottle' THEN 'BO' WHEN 'vial' THEN 'VI' WHEN 'can' THEN 'CA'
  WHEN 'jar' THEN 'JR' WHEN 'tube' THEN 'TU' WHEN 'pallet' THEN 'PX' WHEN 'drum' THEN 'DR' WHEN 'roll' THEN 'RO'
  ELSE unit END;

-- Where a lot code was assigned (a party name or a location code) and its GLN, FFRN or URL,
-- as the row named them, and the kind of the reference document of `ref`. Movements are
-- append-only: these columns are filled when a movement is posted, never after.
ALTER TABLE movement ADD COLUMN tlc_source TEXT;
ALTER TABLE movement ADD COLUMN tlc_source_ref TEXT;
ALTER TABLE movement ADD COLUMN ref_type TEXT;

-- A lot's traceability lot code source: what its first receipt (or the production that made
-- it) named.
ALTER TABLE lot ADD COLUMN tlc_source TEXT;
ALTER TABLE lot ADD COLUMN tlc_source_ref TEXT;
