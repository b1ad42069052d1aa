-- Pick lists (first expiry, first out): an item's lots in pick order, so a pick list reads only
-- the first lots of each item it names; and an item's units in stock by lot, place and serial,
-- so it counts them without reading the units and takes the first serials of a place.
CREATE INDEX lot_pick_order ON lot(item_id, expiry, first_received, code);
CREATE INDEX unit_in_stock ON unit(item_id, lot_id, location_id, serial) WHERE state = 'in_stock';
