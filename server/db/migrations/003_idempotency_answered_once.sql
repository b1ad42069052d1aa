-- A key is answered once. If a claim was taken over (its first holder thought dead) and both
-- holders reach their write, the second write batch aborts whole, so nothing is posted twice;
-- the route then replays the first answer.
CREATE TRIGGER idempotency_answered_once BEFORE UPDATE OF state ON idempotency
WHEN OLD.state = 'done'
BEGIN
  SELECT RAISE(ABORT, 'idempotency_answered');
END;
