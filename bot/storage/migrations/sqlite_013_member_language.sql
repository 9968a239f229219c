-- Each member's language (issue 18, item 3): the language a member chose for Roots'
-- private answers to them (/roots language fr|en|es|de). No row: "auto", the default
-- (the language their app is set to when the platform says, else the community's).
-- locale is a catalog's name, as bot.messages.LOCALES lists them. Erased with them.
CREATE TABLE member_languages (
    community_id TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    locale       TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
) WITHOUT ROWID;
