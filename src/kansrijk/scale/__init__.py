"""Scale data for benchmarks (`kansrijk generate`): a tool beside the product, not part of it.

No journey app imports it (the layers contract in pyproject.toml says so). It writes with
`bulk_create` straight into the tables, not through the services, to fill a database with many
households in minutes; see generate.py.
"""
