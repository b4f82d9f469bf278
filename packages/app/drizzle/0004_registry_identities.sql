-- registry_identities: reserved for this change (no schema change yet).
SELECT 1;
