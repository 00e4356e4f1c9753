-- The household's meal calendar (one row per date and meal) and the log of
-- changes that can be undone.

CREATE TABLE plan_slots (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    date         TEXT NOT NULL,
    meal         TEXT NOT NULL,
    recipe       TEXT,
    people       INTEGER NOT NULL,
    servings     REAL NOT NULL,
    cooked       INTEGER NOT NULL DEFAULT 0,
    leftover_of  TEXT,
    UNIQUE (household_id, date, meal)
);

CREATE TABLE changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    summary      TEXT NOT NULL,
    undo         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    undone_at    TEXT
);
CREATE INDEX changes_household ON changes(household_id, id);
