"""Certificate rules and Open Badges 3.0 credentials: a later issue."""
