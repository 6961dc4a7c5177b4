"""`scorm-package validate`: schema and semantic checks of any SCORM or cmi5 package."""
