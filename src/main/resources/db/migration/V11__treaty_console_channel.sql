-- Administrators also record and import treaty actions through the console; the channel says so.
ALTER TABLE treaty_import DROP CONSTRAINT treaty_import_channel_check;
ALTER TABLE treaty_import ADD CONSTRAINT treaty_import_channel_check CHECK (channel IN ('api', 'cli', 'console'));
ALTER TABLE treaty_action DROP CONSTRAINT treaty_action_channel_check;
ALTER TABLE treaty_action ADD CONSTRAINT treaty_action_channel_check
    CHECK (channel IN ('api', 'cli', 'import', 'console'));
