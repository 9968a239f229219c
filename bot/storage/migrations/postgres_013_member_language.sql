-- Same as sqlite_013: the language a member chose for Roots' private answers to them
-- (issue 18, item 3). No row: "auto", the default.
CREATE TABLE member_languages (
    community_id TEXT COLLATE "C" NOT NULL,
    member_id    TEXT COLLATE "C" NOT NULL,
    locale       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (community_id, member_id)
);
