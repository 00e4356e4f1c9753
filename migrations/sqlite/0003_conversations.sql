-- Conversations: which household a chat belongs to, per-chat dialogue
-- state, every message in and out (deduplicated by platform id), reminders,
-- model token usage per month, and invite codes that link an account.

ALTER TABLE invites ADD COLUMN link_member INTEGER REFERENCES members(id) ON DELETE CASCADE;

CREATE TABLE chats (
    channel      TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    state        TEXT NOT NULL DEFAULT '{}',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (channel, chat_id)
);
CREATE INDEX chats_household ON chats(household_id);

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id        INTEGER REFERENCES households(id) ON DELETE CASCADE,
    channel             TEXT NOT NULL,
    chat_id             TEXT NOT NULL,
    direction           TEXT NOT NULL,
    platform_message_id TEXT,
    body                TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    delivered_at        TEXT
);
CREATE UNIQUE INDEX messages_inbound_dedup ON messages(channel, chat_id, platform_message_id)
    WHERE direction = 'in' AND platform_message_id IS NOT NULL;
CREATE INDEX messages_household ON messages(household_id, id);

CREATE TABLE reminders (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    text         TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    sent_at      TEXT
);
CREATE INDEX reminders_due ON reminders(due_at) WHERE sent_at IS NULL;

CREATE TABLE llm_usage (
    household_id  INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    month         TEXT NOT NULL,
    input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (household_id, month)
);
