"""The coordinators' web console under ``/console/`` (issue 9)."""
