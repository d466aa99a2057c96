"""Workshop views, by what they serve; routed in portal.workshops.urls."""
