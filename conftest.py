pytest_plugins = ["tuntas.testing.personas", "tuntas.testing.urlcoverage", "tuntas.testing.browser"]
