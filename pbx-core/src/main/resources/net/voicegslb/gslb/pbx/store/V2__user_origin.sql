-- Where a user came from: 'config' (users/users_file of the YAML, replaced at every start and reload,
-- so a user removed from the file goes) or 'cli' ('gslb pbx user add', kept until removed there).
-- Rows from before this version cannot be told apart and count as 'cli'.
ALTER TABLE sip_user ADD COLUMN origin VARCHAR(8) DEFAULT 'cli' NOT NULL;
