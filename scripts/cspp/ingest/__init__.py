"""Ingest: the statistics' raw layer. Each publisher file is kept as received, as a snapshot with
its provenance (measures/snapshots.csv); one transform per publisher format turns a snapshot into
indicator_values rows; the vintage rule decides which snapshot's rows an indicator shows."""
