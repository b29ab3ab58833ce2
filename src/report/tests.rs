//! Unit tests of the report core: escaping, redaction, CSV cells, the script hash.
