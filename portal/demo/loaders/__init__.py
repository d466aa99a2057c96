"""One loader per area of the demo, each reading its rows from ``portal/demo/data``."""
