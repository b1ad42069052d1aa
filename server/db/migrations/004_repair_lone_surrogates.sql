-- Text that holds a lone UTF-16 surrogate, stored before the API refused it (issue 19).
-- libSQL stored each one as the three bytes ED A0..BF xx, which are no UTF-8, and every read
-- of such a row failed (the Node process aborted). SQLite's own UTF-8 reader turns each of
-- them into U+FFFD, so a row is rebuilt one character at a time: char(unicode(c)) writes the
-- same character back, and U+FFFD in place of a surrogate. Only text holding the byte ED
-- (characters U+D000-U+DFFF: some Hangul, and the surrogates) is read twice.
--
-- Movements refuse every UPDATE (001_ledger.sql); the repair of their text is no correction
-- of the ledger, so the trigger is dropped and made again, identically, in this migration's
-- one transaction.

UPDATE workspace SET name = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(workspace.name, i, 1))) FROM ch WHERE i <= length(workspace.name))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(name AS BLOB), X'ED') > 0;

UPDATE token SET name = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(token.name, i, 1))) FROM ch WHERE i <= length(token.name))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(name AS BLOB), X'ED') > 0;

UPDATE item SET sku = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(item.sku, i, 1))) FROM ch WHERE i <= length(item.sku))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(sku AS BLOB), X'ED') > 0;

UPDATE item SET name = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(item.name, i, 1))) FROM ch WHERE i <= length(item.name))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(name AS BLOB), X'ED') > 0;

UPDATE item SET unit = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(item.unit, i, 1))) FROM ch WHERE i <= length(item.unit))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(unit AS BLOB), X'ED') > 0;

UPDATE item SET gtin = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(item.gtin, i, 1))) FROM ch WHERE i <= length(item.gtin))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(gtin AS BLOB), X'ED') > 0;

UPDATE location SET code = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(location.code, i, 1))) FROM ch WHERE i <= length(location.code))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(code AS BLOB), X'ED') > 0;

UPDATE location SET name = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(location.name, i, 1))) FROM ch WHERE i <= length(location.name))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(name AS BLOB), X'ED') > 0;

UPDATE lot SET code = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(lot.code, i, 1))) FROM ch WHERE i <= length(lot.code))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(code AS BLOB), X'ED') > 0;

UPDATE batch SET posted_by = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(batch.posted_by, i, 1))) FROM ch WHERE i <= length(batch.posted_by))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(posted_by AS BLOB), X'ED') > 0;

UPDATE batch SET source_workbook = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(batch.source_workbook, i, 1))) FROM ch WHERE i <= length(batch.source_workbook))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(source_workbook AS BLOB), X'ED') > 0;

UPDATE batch SET source_sheet = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(batch.source_sheet, i, 1))) FROM ch WHERE i <= length(batch.source_sheet))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(source_sheet AS BLOB), X'ED') > 0;

UPDATE batch SET source_range = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(batch.source_range, i, 1))) FROM ch WHERE i <= length(batch.source_range))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(source_range AS BLOB), X'ED') > 0;

UPDATE batch SET reason = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(batch.reason, i, 1))) FROM ch WHERE i <= length(batch.reason))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(reason AS BLOB), X'ED') > 0;

DROP TRIGGER movement_no_update;

UPDATE movement SET serial = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(movement.serial, i, 1))) FROM ch WHERE i <= length(movement.serial))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(serial AS BLOB), X'ED') > 0;

UPDATE movement SET party = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(movement.party, i, 1))) FROM ch WHERE i <= length(movement.party))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(party AS BLOB), X'ED') > 0;

UPDATE movement SET ref = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(movement.ref, i, 1))) FROM ch WHERE i <= length(movement.ref))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(ref AS BLOB), X'ED') > 0;

UPDATE movement SET note = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(movement.note, i, 1))) FROM ch WHERE i <= length(movement.note))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(note AS BLOB), X'ED') > 0;

CREATE TRIGGER movement_no_update BEFORE UPDATE ON movement
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: post a reversal instead');
END;

UPDATE unit SET serial = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(unit.serial, i, 1))) FROM ch WHERE i <= length(unit.serial))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(serial AS BLOB), X'ED') > 0;

UPDATE unit SET party = (WITH RECURSIVE ch(i, out) AS (SELECT 1, '' UNION ALL
  SELECT i + 1, out || char(unicode(substr(unit.party, i, 1))) FROM ch WHERE i <= length(unit.party))
  SELECT out FROM ch ORDER BY i DESC LIMIT 1)
WHERE instr(CAST(party AS BLOB), X'ED') > 0;
