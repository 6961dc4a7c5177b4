"""SCORM 1.2, SCORM 2004 (3rd and 4th Edition) and cmi5 packages with a self-contained player.

`scorm-package build|validate|from-olx` is the command line (scorm_packager.cli). The package model
(scorm_packager.model) is what every source is turned into and every writer reads.
"""
