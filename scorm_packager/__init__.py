"""SCORM 1.2 / 2004 and cmi5 packager: a later issue."""
