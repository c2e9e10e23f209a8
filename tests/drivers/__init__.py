"""Tests of the device drivers, run against simulators speaking the wire protocols."""
