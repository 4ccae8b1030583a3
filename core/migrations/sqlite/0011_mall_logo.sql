-- The mall's logo as printed on its reports. The image itself is kept (not its path), so a
-- report prints the same logo after the file is moved, and a backup carries it.
CREATE TABLE mall_logo (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    file_name TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('png', 'jpeg', 'svg')),
    bytes     BLOB NOT NULL
) STRICT;
