"""Pilot projects between offices (catalogue.models.pilots): who may read and keep them,
the reads, the writes, the forms and the pages below the catalogue index."""
