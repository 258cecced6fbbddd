-- log_entry_meta has been neither written nor read since V24, which copied it into log_posting and
-- emptied it; it stayed only because V66 (applied after V24 on a new node) alters it. Nothing in the
-- code or its tests reads the table (PublicLogPagesTest replays V21's and V24's statements into
-- scratch tables of its own). Its triggers and indexes go with it.
DROP TABLE log_entry_meta;
