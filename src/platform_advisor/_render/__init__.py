"""Turn results into what people and machines read. Renderers take data and return text."""
