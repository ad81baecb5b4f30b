"""Scale data for benchmarks (`kansrijk generate`): a tool beside the product, not part of it.

No journey app imports it (the layers contract in pyproject.toml says so). It writes whole
batches through `core.models.bulk_create_checked`, the bulk path the services use too, so every
row meets its model's field rules; it does not walk each journey through the services one step
at a time, which would take hours for the sizes bench/ needs. See generate.py.
"""
