-- The admin audit log (issue 14): what a row records beyond its action, as the admin
-- gave it (a setting's new value, a schedule's time and days). Settings changes,
-- erasures ('member.forget', subject: the tombstone) and goal removals write rows;
-- revocations are read from kudos_revocations. (The lead may renumber this file.)
ALTER TABLE audit_log ADD COLUMN detail TEXT COLLATE "C";
