"""Domain objects shared by the extractors, the graph layer and the API."""
