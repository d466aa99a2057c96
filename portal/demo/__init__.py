"""Demo content for development: data files under data/ and the loaders that read them."""
