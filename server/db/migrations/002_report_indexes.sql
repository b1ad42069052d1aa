-- Reports: a movement record filtered by lot code alone (lot=L1 without sku=) finds the
-- lots of that code in one index search, not a scan of every lot of every workspace.
CREATE INDEX lot_code ON lot(workspace_id, code);
