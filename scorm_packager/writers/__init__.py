"""Writers of imsmanifest.xml (SCORM 1.2, 2004 3rd/4th) and cmi5.xml from the package model."""
