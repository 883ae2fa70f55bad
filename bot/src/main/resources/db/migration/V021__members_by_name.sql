-- A member named in a command (/warn @Alice) is looked up by display name: without an index that
-- was a pass over every member of the platform, on the pipeline's thread (History.memberIdByName).
CREATE INDEX members_name ON members (platform, name);
