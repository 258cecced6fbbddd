-- Whether an action added on this node is confirmed in the depositary's record or only reported by another
-- source (press, a government's announcement). A reported action never counts towards entry into force and
-- never makes a State bound. Rows recorded before this column existed were entered from the depositary's
-- record (the only kind the API accepted), hence the default. Adding a column does not touch existing rows,
-- so the append-only triggers are not involved.
ALTER TABLE treaty_action
    ADD COLUMN standing text NOT NULL DEFAULT 'confirmed' CHECK (standing IN ('confirmed', 'reported'));
