-- Pick lists (first expiry, first out): an item's units in stock by lot, place and serial, so a
-- pick list counts them without reading the units and takes the first serials of a place. Its
-- lots are read through the lot key (item, code): an item has tens of lots, sorted cheaply, and
-- an index in pick order would cost every new lot of every receipt an entry.
CREATE INDEX unit_in_stock ON unit(item_id, lot_id, location_id, serial) WHERE state = 'in_stock';
