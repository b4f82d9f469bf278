-- access_control: reserved for this change (no schema change yet).
SELECT 1;
