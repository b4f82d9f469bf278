-- audit_keying: reserved for this change (no schema change yet).
SELECT 1;
