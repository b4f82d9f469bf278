-- A statement that checks a rule under a lock it has just taken (a submission re-counts the lead's
-- submitted applications once the call's queue is held) stops its transaction with this error:
-- SQLSTATE SGR01 and the rule's id as the message, so the process tells a refusal from a failure.
CREATE OR REPLACE FUNCTION stagegate_refuse(rule_id text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'SGR01', MESSAGE = rule_id;
END
$$;
