pytest_plugins = ["tuntas.testing.personas", "tuntas.testing.urlcoverage"]
